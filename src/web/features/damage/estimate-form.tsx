import {
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  DAMAGE_CATEGORIES,
  DAMAGE_MAX_YEN,
  type DamageCategory,
  daysStoppedFor,
  lostProfitFromDays,
} from '../../../domain/damage.js';
import type { YenTextProblem } from '../../../domain/yen-text.js';
import type { DamageEstimate, DamagePresets } from '../../../shared/damage.js';
import { api, isApiError } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { useFocusFirstInvalid } from '../../app/focus-invalid.js';
import { FormError } from '../../app/forms.js';
import { YenAmount, YenInput, yen } from '../../app/money.js';
import { notify } from '../../app/notify.js';
import { textOrNull } from '../../app/versioned-edit.js';
import { FormActions } from '../../app/versioned-form.js';
import { useBiaView } from '../bia/api.js';
import { useGraph } from '../graph/api.js';
import { featureFormErrors } from '../graph/labels.js';
import { useOrg } from '../orgs/api.js';
import { DAMAGE_KEY } from './api.js';
import { type EstimateDraft, share } from './estimate-draft.js';

type YenField = 'annualSalesYen' | `amounts.${DamageCategory}`;

/**
 * Create or edit one estimate: amounts per category (typed as people write them: 3億, 2,740万),
 * the total and its share of the company's annual sales, and a helper for the lost profit.
 */
export function EstimateForm({
  presets,
  estimate,
  initial,
  write,
  onDone,
}: {
  presets: DamagePresets;
  estimate: DamageEstimate | null;
  initial: EstimateDraft;
  write: boolean;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const client = useQueryClient();
  const graph = useGraph();
  const org = useOrg();
  const [draft, setDraft] = useState<EstimateDraft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Partial<Record<YenField, YenTextProblem>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const invalid = useFocusFirstInvalid<HTMLFormElement>();
  /** Only an estimate written for other figures (a case, or one saved before) has its own sales. */
  const ownSales = initial.annualSalesYen !== null;
  const salesUsed = draft.annualSalesYen ?? org.data?.annualSalesYen ?? null;
  const total = DAMAGE_CATEGORIES.reduce((s, c) => s + (draft.amounts[c] || 0), 0);
  const pct = share(total, salesUsed);
  const linkOptions = (['operation', 'system'] as const).map((type) => ({
    group: t(`inventory.nodeType.${type}`),
    items: (graph.data?.nodes ?? [])
      .filter((n) => n.type === type)
      .map((n) => ({ value: `${type}:${n.id}`, label: n.name })),
  }));

  const problem = (field: YenField) => (p: YenTextProblem | null) =>
    setProblems((all) => {
      const next = { ...all };
      if (p) next[field] = p;
      else delete next[field];
      return next;
    });
  const issue = (field: YenField) => {
    const p = problems[field];
    return p ? t(`issues.${p}`, { maximum: yen(lang, DAMAGE_MAX_YEN) }) : errors[field];
  };

  const save = useMutation({
    mutationFn: () => {
      const [type, id] = draft.link ? draft.link.split(':') : [null, null];
      const body = {
        name: draft.name.trim(),
        scenario: textOrNull(draft.scenario),
        annualSalesYen: draft.annualSalesYen,
        amounts: draft.amounts,
        presetId: draft.presetId,
        operationId: type === 'operation' ? id : null,
        systemId: type === 'system' ? id : null,
      };
      return estimate
        ? api.patch<DamageEstimate>(`/damage/estimates/${encodeURIComponent(estimate.id)}`, body, {
            ifMatch: estimate.version,
          })
        : api.post<DamageEstimate>('/damage/estimates', body);
    },
    onSuccess: async (saved) => {
      notify(t('damage.saved', { name: saved.name }));
      await client.invalidateQueries({ queryKey: DAMAGE_KEY });
      onDone();
    },
    onError: (err) => {
      if (isApiError(err, 'version_conflict')) {
        setFormError(t('damage.conflict'));
      } else {
        const r = featureFormErrors(
          t,
          err,
          [
            'name',
            'scenario',
            'annualSalesYen',
            ...DAMAGE_CATEGORIES.map((c) => `amounts.${c}`),
            'amounts',
            'operationId',
            'systemId',
          ],
          (e) => errorMessage(t, e),
        );
        setErrors(r.fieldErrors);
        setFormError(r.formError);
      }
      invalid.request();
    },
  });

  const category = (id: DamageCategory) => presets.categories.find((c) => c.id === id);
  const setAmount = (c: DamageCategory, v: number | null) =>
    setDraft((d) => ({ ...d, amounts: { ...d.amounts, [c]: v ?? 0 } }));

  return (
    <form
      noValidate
      ref={invalid.ref}
      onSubmit={(e) => {
        e.preventDefault();
        const found: Record<string, string> = {};
        if (draft.name.trim() === '') found.name = t('issues.required');
        if (Object.keys(found).length > 0 || Object.keys(problems).length > 0) {
          setErrors(found);
          invalid.request();
          return;
        }
        setErrors({});
        setFormError(null);
        save.mutate();
      }}
    >
      <Stack>
        <FormError message={formError} />
        <TextInput
          label={t('damage.fields.name')}
          withAsterisk
          maxLength={200}
          value={draft.name}
          error={errors.name}
          disabled={!write}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        />
        <Textarea
          label={t('damage.fields.scenario')}
          maxLength={2000}
          autosize
          minRows={2}
          value={draft.scenario}
          error={errors.scenario}
          disabled={!write}
          onChange={(e) => setDraft({ ...draft, scenario: e.currentTarget.value })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {ownSales ? (
            <YenInput
              label={t('damage.fields.ownSales')}
              description={t('damage.ownSalesHint')}
              max={DAMAGE_MAX_YEN}
              value={draft.annualSalesYen}
              error={issue('annualSalesYen')}
              disabled={!write}
              onProblem={problem('annualSalesYen')}
              onChange={(v) => setDraft((d) => ({ ...d, annualSalesYen: v }))}
            />
          ) : (
            <CompanySales sales={org.data?.annualSalesYen ?? null} error={errors.annualSalesYen} />
          )}
          <Select
            label={t('damage.fields.link')}
            description={t('damage.linkHint')}
            data={linkOptions}
            value={draft.link}
            searchable
            clearable
            placeholder={t('damage.noLink')}
            nothingFoundMessage={t('common.nothingFound')}
            error={errors.operationId ?? errors.systemId}
            disabled={!write}
            onChange={(v) => setDraft({ ...draft, link: v })}
          />
        </SimpleGrid>
        <Title order={3} size="h5">
          {t('damage.categories')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('damage.yenHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {DAMAGE_CATEGORIES.map((c) => (
            <YenInput
              key={c}
              label={category(c)?.label[lang] ?? c}
              description={category(c)?.help[lang]}
              max={DAMAGE_MAX_YEN}
              value={draft.amounts[c] || null}
              error={issue(`amounts.${c}`)}
              disabled={!write}
              onProblem={problem(`amounts.${c}`)}
              onChange={(v) => setAmount(c, v)}
            />
          ))}
        </SimpleGrid>
        {errors.amounts && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {errors.amounts}
          </Text>
        )}
        {write && <LostProfitHelper link={draft.link} onUse={(yen) => setAmount('lost_profit', yen)} />}
        <Card withBorder padding="sm" bg="var(--mantine-color-gray-0)" role="status" aria-live="polite">
          <Text fw={700} size="lg">
            {t('damage.total')} <YenAmount value={total} />
          </Text>
          <Text size="sm">{pct ? t('damage.shareIs', { share: pct }) : t('damage.noSales')}</Text>
        </Card>
        {write && <FormActions onCancel={onDone} submitLabel={t('common.save')} loading={save.isPending} />}
      </Stack>
    </form>
  );
}

/** The company's annual sales, read from the organization settings, with the way to change them. */
function CompanySales({ sales, error }: { sales: number | null; error: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {t('damage.fields.annualSalesYen')}
      </Text>
      {sales !== null ? (
        <Text size="sm">
          <YenAmount value={sales} />
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('damage.salesNotSet')}
        </Text>
      )}
      <Anchor component={Link} to="/settings/organization" size="sm">
        {t('damage.salesInSettings')}
      </Anchor>
      {error && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

/**
 * Lost profit = days stopped × profit per day. The days start from the linked operation's (or
 * system's) RTO, which says how long it may stay stopped.
 */
function LostProfitHelper({ link, onUse }: { link: string | null; onUse: (yen: number) => void }) {
  const { t, i18n } = useTranslation();
  const bia = useBiaView();
  const [type, id] = link ? link.split(':') : [null, null];
  const rto =
    type === 'operation'
      ? bia.data?.operations.find((o) => o.id === id)?.rto
      : type === 'system'
        ? bia.data?.nodes.find((n) => n.id === id)?.requiredRto
        : null;
  const fromRto = daysStoppedFor(rto);
  const [days, setDays] = useState<number | null>(null);
  const [daily, setDaily] = useState<number | null>(null);
  const [dailyProblem, setDailyProblem] = useState<YenTextProblem | null>(null);
  const daysUsed = days ?? fromRto;
  const result =
    daysUsed !== null && daily !== null && !dailyProblem ? lostProfitFromDays(daysUsed, daily) : null;
  const tooLarge = daysUsed !== null && daily !== null && !dailyProblem && result === null;
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={4} size="h6">
          {t('damage.lostProfit.title')}
        </Title>
        <Group align="flex-start" grow>
          <NumberInput
            label={t('damage.lostProfit.days')}
            description={days === null && fromRto !== null ? t('damage.lostProfit.fromRto') : undefined}
            min={0}
            max={3650}
            allowDecimal={false}
            allowNegative={false}
            value={daysUsed ?? ''}
            onChange={(v) => setDays(v === '' ? null : Number(v))}
          />
          <YenInput
            label={t('damage.lostProfit.daily')}
            max={DAMAGE_MAX_YEN}
            value={daily}
            onProblem={setDailyProblem}
            onChange={setDaily}
          />
        </Group>
        {tooLarge && (
          <Text size="sm" c="var(--mantine-color-error)">
            {t('issues.yen_too_large', { maximum: yen(i18n.language, DAMAGE_MAX_YEN) })}
          </Text>
        )}
        <Group>
          <Button
            variant="light"
            size="xs"
            disabled={result === null}
            onClick={() => result !== null && onUse(result)}
          >
            {t('damage.lostProfit.use')}
          </Button>
          {result !== null && <YenAmount value={result} />}
        </Group>
      </Stack>
    </Card>
  );
}
