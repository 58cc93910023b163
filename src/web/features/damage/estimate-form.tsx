import {
  Card,
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
import { DAMAGE_CATEGORIES, DAMAGE_MAX_YEN, type DamageCategory } from '../../../domain/damage.js';
import type { DamageEstimate, DamagePresets } from '../../../shared/damage.js';
import { api, isApiError } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { FormError } from '../../app/forms.js';
import { yen } from '../../app/money.js';
import { notify } from '../../app/notify.js';
import { textOrNull } from '../../app/versioned-edit.js';
import { FormActions } from '../../app/versioned-form.js';
import { useGraph } from '../graph/api.js';
import { featureFormErrors } from '../graph/labels.js';
import { DAMAGE_KEY } from './api.js';
import { type EstimateDraft, share } from './estimate-draft.js';

/** Create or edit one estimate: amounts per category, the total and its share of annual sales as typed. */
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
  const [draft, setDraft] = useState<EstimateDraft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const total = DAMAGE_CATEGORIES.reduce((s, c) => s + (draft.amounts[c] || 0), 0);
  const pct = share(total, draft.annualSalesYen);
  const linkOptions = (['operation', 'system'] as const).map((type) => ({
    group: t(`inventory.nodeType.${type}`),
    items: (graph.data?.nodes ?? [])
      .filter((n) => n.type === type)
      .map((n) => ({ value: `${type}:${n.id}`, label: n.name })),
  }));

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
        return;
      }
      const r = featureFormErrors(
        t,
        err,
        ['name', 'scenario', 'annualSalesYen', 'amounts', 'operationId', 'systemId'],
        (e) => errorMessage(t, e),
      );
      setErrors(r.fieldErrors);
      setFormError(r.formError);
    },
  });

  const category = (id: DamageCategory) => presets.categories.find((c) => c.id === id);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.name.trim() === '') {
          setErrors({ name: t('issues.required') });
          return;
        }
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
          disabled={!write}
          onChange={(e) => setDraft({ ...draft, scenario: e.currentTarget.value })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('damage.fields.annualSalesYen')}
            description={t('damage.yenHint')}
            value={draft.annualSalesYen ?? ''}
            min={0}
            max={DAMAGE_MAX_YEN}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            prefix="¥"
            error={errors.annualSalesYen}
            disabled={!write}
            onChange={(v) => setDraft({ ...draft, annualSalesYen: v === '' ? null : Number(v) })}
          />
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
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {DAMAGE_CATEGORIES.map((c) => (
            <NumberInput
              key={c}
              label={category(c)?.label[lang] ?? c}
              description={category(c)?.help[lang]}
              value={draft.amounts[c]}
              min={0}
              max={DAMAGE_MAX_YEN}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=","
              prefix="¥"
              disabled={!write}
              onChange={(v) => setDraft({ ...draft, amounts: { ...draft.amounts, [c]: Number(v) || 0 } })}
            />
          ))}
        </SimpleGrid>
        {errors.amounts && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {errors.amounts}
          </Text>
        )}
        <Card withBorder padding="sm" bg="var(--mantine-color-gray-0)" role="status" aria-live="polite">
          <Text fw={700} size="lg">
            {t('damage.totalIs', { total: yen(lang, total) })}
          </Text>
          <Text size="sm">{pct ? t('damage.shareIs', { share: pct }) : t('damage.noSales')}</Text>
        </Card>
        {write && <FormActions onCancel={onDone} submitLabel={t('common.save')} loading={save.isPending} />}
      </Stack>
    </form>
  );
}
