import {
  Alert,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { REQUIREMENT_LEVELS, type RequirementLevel } from '../../../domain/checklist.js';
import type { ChecklistCatalog } from '../../../shared/assessment.js';
import { ApiError } from '../../app/api.js';
import { errorMessage, formatDate } from '../../app/errors.js';
import { featureIssueText } from '../../app/feature-issues.js';
import { useFocusFirstInvalid } from '../../app/focus-invalid.js';
import { GlossaryTerm } from '../../app/glossary-term.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { useAssessments, useChecklists, useStartAssessment } from './api.js';
import { TableSection, useText } from './parts.js';

/** /assessment — the assessments made so far, and the form to start one. */
export function AssessmentListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useAssessments();
  const checklists = useChecklists();
  return (
    <>
      <PageHeader title={t('assessment.title')} description={t('assessment.intro')} />
      <TableSection
        id="as-list"
        title={t('assessment.listTitle')}
        empty={t('assessment.empty')}
        state={
          list.isPending ? (
            <PageSkeleton shape="table" />
          ) : list.isError ? (
            <LoadError error={list.error} onRetry={() => list.refetch()} />
          ) : undefined
        }
        minWidth={640}
        rows={list.data?.items ?? []}
        columns={[
          {
            header: t('assessment.fields.title'),
            cell: (a) => <Link to={`/assessment/${a.id}`}>{a.title}</Link>,
          },
          {
            header: t('assessment.fields.assessedOn'),
            cell: (a) => formatDate(a.assessedOn),
            nowrap: true,
          },
          {
            header: t('assessment.progress'),
            cell: (a) => t('assessment.progressText', { decided: a.decided, total: a.itemCount }),
          },
          {
            header: t('assessment.implemented'),
            cell: (a) => (a.percent === null ? '—' : `${a.percent}%`),
          },
          {
            header: t('assessment.overdueActions'),
            cell: (a) =>
              a.overdueActions > 0 ? t('assessment.overdueCount', { count: a.overdueActions }) : '—',
          },
        ]}
      />
      {can('inventory.write') && checklists.data && <StartForm catalog={checklists.data} />}
    </>
  );
}

interface Added {
  checklistId: string;
  category: string;
  id: string;
  level: RequirementLevel;
  measure: string;
  reason: string;
}

/** Start an assessment: a title, the checklists, and optionally items left out or added (each with a reason). */
function StartForm({ catalog }: { catalog: ChecklistCatalog }) {
  const { t } = useTranslation();
  const text = useText();
  const navigate = useNavigate();
  const start = useStartAssessment();
  const invalid = useFocusFirstInvalid<HTMLFormElement>();
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<string[]>(['telework']);
  const [dropped, setDropped] = useState<Record<string, string>>({});
  const [added, setAdded] = useState<Added[]>([]);
  const [tailor, setTailor] = useState(false);

  const issues = start.error instanceof ApiError ? start.error.issues : [];
  const issueAt = (...path: (string | number)[]) => {
    const found = issues.find((i) => path.every((p, n) => String(i.path[n]) === String(p)));
    return found ? featureIssueText(t, 'assessment', found) : undefined;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate(
      {
        title: title.trim() || t('assessment.defaultTitle'),
        checklistIds: chosen,
        tailoring: {
          dropped: Object.entries(dropped).map(([itemKey, reason]) => ({ itemKey, reason })),
          added: added.map((a) => ({ ...a, reason: a.reason })),
        },
      },
      {
        onSuccess: (a) => navigate(`/assessment/${a.id}`),
        onError: () => invalid.request(),
      },
    );
  };

  const lists = catalog.checklists.filter((c) => chosen.includes(c.id));
  return (
    <section aria-labelledby="as-start">
      <Title order={2} size="h3" id="as-start" mt="xl" mb="xs">
        {t('assessment.startTitle')}
      </Title>
      <form ref={invalid.ref} onSubmit={submit} noValidate>
        <Stack gap="sm" maw={720}>
          <TextInput
            label={t('assessment.fields.title')}
            placeholder={t('assessment.defaultTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={issueAt('title')}
          />
          <Checkbox.Group
            label={t('assessment.fields.checklists')}
            value={chosen}
            onChange={setChosen}
            error={issueAt('checklistIds')}
          >
            <Stack gap={6} mt={4}>
              {catalog.checklists.map((c) => (
                <Checkbox
                  key={c.id}
                  value={c.id}
                  label={t('assessment.checklistLabel', { title: text(c.title), count: c.items.length })}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Checkbox
            label={t('assessment.tailorToggle')}
            checked={tailor}
            onChange={(e) => setTailor(e.currentTarget.checked)}
          />
          <Text size="sm" c="dimmed">
            {t('assessment.tailorHintBefore')}
            <GlossaryTerm id="tailoring">{t('assessment.tailorTerm')}</GlossaryTerm>
            {t('assessment.tailorHintAfter')}
          </Text>
          {tailor &&
            lists.map((c) => (
              <Stack key={c.id} gap={4}>
                <Text fw={600}>{text(c.title)}</Text>
                {c.items.map((item) => {
                  const key = `${c.id}/${item.id}`;
                  const out = key in dropped;
                  return (
                    <Stack key={key} gap={2}>
                      <Checkbox
                        label={t('assessment.leaveOut', { measure: text(item.measure) })}
                        checked={out}
                        onChange={(e) => {
                          const next = { ...dropped };
                          if (e.currentTarget.checked) next[key] = '';
                          else delete next[key];
                          setDropped(next);
                        }}
                      />
                      {out && (
                        <TextInput
                          ml="xl"
                          label={t('assessment.fields.dropReason')}
                          value={dropped[key] ?? ''}
                          onChange={(e) => setDropped({ ...dropped, [key]: e.currentTarget.value })}
                          error={issueAt(key, 'reason')}
                          required
                        />
                      )}
                    </Stack>
                  );
                })}
              </Stack>
            ))}
          {tailor && (
            <AddedItems
              catalog={catalog}
              chosen={chosen}
              added={added}
              onChange={setAdded}
              issueAt={issueAt}
            />
          )}
          {start.error && !issues.length && <Alert color="red">{errorMessage(t, start.error)}</Alert>}
          {issues.length > 0 && (
            <Alert color="red" role="alert">
              {issues.map((i) => featureIssueText(t, 'assessment', i)).join(' ')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={start.isPending} disabled={chosen.length === 0}>
              {t('assessment.start')}
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  );
}

/** The company's own items: checklist, category, level, measure and the reason for adding it. */
function AddedItems({
  catalog,
  chosen,
  added,
  onChange,
  issueAt,
}: {
  catalog: ChecklistCatalog;
  chosen: string[];
  added: Added[];
  onChange: (next: Added[]) => void;
  issueAt: (...path: (string | number)[]) => string | undefined;
}) {
  const { t } = useTranslation();
  const text = useText();
  const first = catalog.checklists.find((c) => chosen.includes(c.id));
  const set = (i: number, patch: Partial<Added>) =>
    onChange(added.map((a, n) => (n === i ? { ...a, ...patch } : a)));
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('assessment.addedTitle')}</Text>
      {added.map((a, i) => {
        const list = catalog.checklists.find((c) => c.id === a.checklistId);
        const key = `${a.checklistId}/${a.id}`;
        return (
          <Stack key={`added-${i.toString()}`} gap={4} pl="md">
            <Select
              label={t('assessment.fields.category')}
              data={(list?.categories ?? []).map((c) => ({ value: c.id, label: text(c.title) }))}
              value={a.category}
              onChange={(v) => v && set(i, { category: v })}
              allowDeselect={false}
            />
            <Select
              label={t('assessment.fields.level')}
              data={REQUIREMENT_LEVELS.map((l) => ({ value: l, label: t(`assessment.levels.${l}`) }))}
              value={a.level}
              onChange={(v) => v && set(i, { level: v as RequirementLevel })}
              allowDeselect={false}
            />
            <TextInput
              label={t('assessment.fields.measure')}
              value={a.measure}
              onChange={(e) => set(i, { measure: e.currentTarget.value })}
              required
            />
            <Textarea
              label={t('assessment.fields.addReason')}
              value={a.reason}
              onChange={(e) => set(i, { reason: e.currentTarget.value })}
              error={issueAt(key, 'reason')}
              autosize
              minRows={1}
              required
            />
          </Stack>
        );
      })}
      {first && (
        <Group>
          <Button
            variant="light"
            onClick={() =>
              onChange([
                ...added,
                {
                  checklistId: first.id,
                  category: first.categories[0]?.id ?? '',
                  id: `own-${added.length + 1}`,
                  level: 'SHOULD',
                  measure: '',
                  reason: '',
                },
              ])
            }
          >
            {t('assessment.addItem')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
