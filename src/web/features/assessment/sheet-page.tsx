import {
  Alert,
  Badge,
  Card,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DECISION_STATUSES, IMPACT_ASPECTS, IMPACT_LEVELS } from '../../../domain/assessment.js';
import type { AnswerUpdate, AssessmentItem } from '../../../shared/assessment.js';
import { ApiError } from '../../app/api.js';
import { errorMessage, formatDate } from '../../app/errors.js';
import { featureIssueText } from '../../app/feature-issues.js';
import { GlossaryTerm } from '../../app/glossary-term.js';
import { YenInput } from '../../app/money.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { useAssessment } from './api.js';
import { type SaveState, useItemAutosave } from './autosave.js';
import { FilesSection } from './files-section.js';
import { ManageAssessment } from './manage.js';
import { AssessmentTabs, LevelBadge, useText } from './parts.js';

/** /assessment/:id — the sheet: every item by category, most urgent first within it, autosaved. */
export function SheetPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const text = useText();
  const write = useCan()('inventory.write');
  const q = useAssessment(id);
  if (q.isPending) return <PageSkeleton shape="cards" />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  const a = q.data;
  return (
    <>
      <PageHeader
        title={a.title}
        description={t('assessment.sheetIntro', {
          date: formatDate(a.assessedOn),
          decided: a.decided,
          total: a.itemCount,
        })}
        actions={write ? <ManageAssessment assessment={a} /> : undefined}
      />
      <AssessmentTabs id={a.id} />
      <Text size="sm" mb="md">
        {t('assessment.sheetHowBefore')}
        <GlossaryTerm id="impact-aspects">{t('assessment.aspectsTerm')}</GlossaryTerm>
        {t('assessment.sheetHowMiddle')}
        <GlossaryTerm id="requirement-level">{t('assessment.levelTerm')}</GlossaryTerm>
        {t('assessment.sheetHowAfter')}
      </Text>
      <Stack gap="xl">
        {a.categories.map((cat) => {
          const items = a.items.filter((i) => i.categoryKey === cat.key).sort((x, y) => x.rank - y.rank);
          if (items.length === 0) return null;
          const headingId = `cat-${cat.key.replace(/[^a-z0-9-]/g, '-')}`;
          return (
            <section key={cat.key} aria-labelledby={headingId}>
              <Title order={2} size="h3" id={headingId} mb="sm">
                {text(cat.title)}
              </Title>
              <Stack gap="md">
                {items.map((item) => (
                  <ItemCard key={item.key} assessmentId={a.id} item={item} write={write} />
                ))}
              </Stack>
            </section>
          );
        })}
        <FilesSection id={a.id} write={write} />
      </Stack>
    </>
  );
}

function SavedState({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  if (state.kind === 'idle') return null;
  if (state.kind === 'saving')
    return (
      <Text size="sm" c="dimmed" role="status">
        {t('assessment.saving')}
      </Text>
    );
  if (state.kind === 'saved')
    return (
      <Text size="sm" c="teal.9" role="status">
        {t('assessment.saved')}
      </Text>
    );
  if (state.kind === 'conflict')
    return (
      <Alert color="orange" role="alert">
        {t('assessment.conflict')}
      </Alert>
    );
  const err = state.error;
  const message =
    err instanceof ApiError && err.issues.length
      ? err.issues.map((i) => featureIssueText(t, 'assessment', i)).join(' ')
      : errorMessage(t, err);
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}

/** The reason typed for each impact aspect ('' when none). */
const reasonsOf = (impact: AssessmentItem['answer']['impact']) =>
  Object.fromEntries(IMPACT_ASPECTS.map((a) => [a, impact[a]?.reason ?? ''])) as Record<string, string>;

/** One item: what it asks, and the company's answer, saved as it is typed. */
function ItemCard({
  assessmentId,
  item,
  write,
}: {
  assessmentId: string;
  item: AssessmentItem;
  write: boolean;
}) {
  const { t } = useTranslation();
  const text = useText();
  const { state, change, flush } = useItemAutosave(assessmentId, item);
  const answer = item.answer;
  const [decision, setDecision] = useState<string | null>(answer.decision);
  const [dueDate, setDueDate] = useState(answer.dueDate ?? '');
  const [reason, setReason] = useState(answer.reason ?? '');
  const [currentState, setCurrentState] = useState(answer.currentState ?? '');
  const [impactReasons, setImpactReasons] = useState(() => reasonsOf(answer.impact));
  // After a conflict the item is reloaded: show what the other person saved.
  useEffect(() => {
    if (state.kind !== 'conflict') return;
    setDecision(answer.decision);
    setDueDate(answer.dueDate ?? '');
    setReason(answer.reason ?? '');
    setCurrentState(answer.currentState ?? '');
    setImpactReasons(reasonsOf(answer.impact));
  }, [state.kind, answer]);
  const headingId = `item-${item.key.replace(/[^a-z0-9-]/g, '-')}`;
  const fieldIssue = (field: string) => {
    if (state.kind !== 'error' || !(state.error instanceof ApiError)) return undefined;
    const issue = state.error.issues.find((i) => i.path[1] === field);
    return issue ? featureIssueText(t, 'assessment', issue) : undefined;
  };

  /** A decision is sent once it is complete: a date for "will do", a reason for "not needed". */
  const sendDecision = (status: string | null, due: string, why: string) => {
    if (status === null) return change({ decision: null });
    if (status === 'planned' && !due) return;
    if (status === 'not_needed' && !why.trim()) return;
    change({ decision: { status, dueDate: due || null, reason: why || null } });
  };
  const send = (patch: AnswerUpdate) => change(patch);

  return (
    <Card withBorder component="article" aria-labelledby={headingId} padding="md">
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <LevelBadge level={item.level} />
          {item.urgency && (
            <Badge variant="light" color={item.urgency === 'immediate' ? 'red' : 'gray'}>
              {t(`assessment.urgencies.${item.urgency}`)}
            </Badge>
          )}
          {item.addedReason !== null && <Badge variant="light">{t('assessment.ownItem')}</Badge>}
        </Group>
        <Title order={3} size="h4" id={headingId}>
          {text(item.measure)}
        </Title>
        {text(item.detail) && <Text size="sm">{text(item.detail)}</Text>}
        {item.threatScenario && (
          <Text size="sm" c="dimmed">
            {t('assessment.threat', { text: text(item.threatScenario) })}
          </Text>
        )}
        {item.parameters.length > 0 && (
          <Group gap="xs" wrap="wrap">
            {item.parameters.map((p) => (
              <Badge key={text(p.label)} variant="light" color="blue" style={{ textTransform: 'none' }}>
                {text(p.label)}: {text(p.value)}
              </Badge>
            ))}
          </Group>
        )}
        <Textarea
          label={t('assessment.fields.currentState')}
          value={currentState}
          disabled={!write}
          autosize
          minRows={1}
          onChange={(e) => {
            setCurrentState(e.currentTarget.value);
            send({ currentState: e.currentTarget.value || null });
          }}
          onBlur={() => void flush()}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          {IMPACT_ASPECTS.map((aspect) => (
            <Stack key={aspect} gap={4}>
              <Select
                label={t(`assessment.aspects.${aspect}`)}
                placeholder={t('assessment.notAssessed')}
                data={IMPACT_LEVELS.map((l) => ({ value: l, label: t(`assessment.impactLevels.${l}`) }))}
                value={answer.impact[aspect]?.level ?? null}
                disabled={!write}
                clearable
                error={fieldIssue('impact')}
                onChange={(v) =>
                  send({
                    impact: { [aspect]: v ? { level: v, reason: impactReasons[aspect] || null } : null },
                  })
                }
              />
              {answer.impact[aspect] && (
                <TextInput
                  size="xs"
                  label={t('assessment.impactReason', { aspect: t(`assessment.aspects.${aspect}`) })}
                  value={impactReasons[aspect] ?? ''}
                  disabled={!write}
                  onChange={(e) => {
                    const reason = e.currentTarget.value;
                    const level = answer.impact[aspect]?.level;
                    setImpactReasons({ ...impactReasons, [aspect]: reason });
                    if (level) send({ impact: { [aspect]: { level, reason: reason || null } } });
                  }}
                  onBlur={() => void flush()}
                />
              )}
            </Stack>
          ))}
        </SimpleGrid>
        <Radio.Group
          label={t('assessment.fields.decision')}
          value={decision ?? ''}
          onChange={(v) => {
            setDecision(v || null);
            sendDecision(v || null, dueDate, reason);
          }}
        >
          <Group gap="md" mt={4} wrap="wrap">
            {DECISION_STATUSES.map((s) => (
              <Radio key={s} value={s} label={t(`assessment.decisions.${s}`)} disabled={!write} />
            ))}
          </Group>
        </Radio.Group>
        {decision === 'planned' && (
          <TextInput
            type="date"
            label={t('assessment.fields.dueDate')}
            description={dueDate ? undefined : t('assessment.dueHint')}
            value={dueDate}
            disabled={!write}
            error={fieldIssue('dueDate')}
            onChange={(e) => {
              setDueDate(e.currentTarget.value);
              sendDecision('planned', e.currentTarget.value, reason);
            }}
            onBlur={() => void flush()}
            maw={220}
          />
        )}
        {decision === 'not_needed' && (
          <Textarea
            label={t('assessment.fields.reason')}
            description={reason.trim() ? undefined : t('assessment.reasonHint')}
            value={reason}
            disabled={!write}
            error={fieldIssue('reason')}
            autosize
            minRows={1}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              sendDecision('not_needed', dueDate, e.currentTarget.value);
            }}
            onBlur={() => void flush()}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <YenInput
            label={t('assessment.fields.damageYen')}
            value={answer.damageYen}
            disabled={!write}
            onChange={(v) => send({ damageYen: v })}
          />
          <YenInput
            label={t('assessment.fields.costYen')}
            value={answer.costYen}
            disabled={!write}
            onChange={(v) => send({ costYen: v })}
          />
        </SimpleGrid>
        <SavedState state={state} />
      </Stack>
    </Card>
  );
}
