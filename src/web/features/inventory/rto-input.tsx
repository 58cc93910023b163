import { Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MINUTES_PER_DAY, MINUTES_PER_HOUR, splitDuration } from '../../../domain/rto.js';
import type { RtoValue } from '../../../shared/inventory.js';

type Kind = RtoValue['kind'] | 'none';
type Unit = 'minutes' | 'hours' | 'days';
const UNIT_MINUTES: Record<Unit, number> = { minutes: 1, hours: MINUTES_PER_HOUR, days: MINUTES_PER_DAY };

/**
 * Edits one RTO: "within N hours/days", "N or more", or the states "risk accepted" / "not set"
 * (states are not numbers). `allowNone` adds "no value" (null) for optional fields.
 */
export function RtoInput({
  label,
  description,
  value,
  onChange,
  allowNone = false,
  error,
  disabled,
}: {
  label: string;
  description?: string | undefined;
  value: RtoValue | null;
  onChange: (value: RtoValue | null) => void;
  allowNone?: boolean;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const kind: Kind = value?.kind ?? 'none';
  const minutes = value && 'minutes' in value ? value.minutes : 0;
  const split = splitDuration(minutes);
  const unit: Unit = minutes === 0 ? 'hours' : split.unit;
  const amount = minutes === 0 ? 0 : split.amount;

  const kinds: { value: Kind; label: string }[] = [
    ...(allowNone ? [{ value: 'none' as const, label: t('inventory.rto.kind.none') }] : []),
    { value: 'duration', label: t('inventory.rto.kind.duration') },
    { value: 'at_least', label: t('inventory.rto.kind.at_least') },
    { value: 'risk_accepted', label: t('inventory.rto.kind.risk_accepted') },
    { value: 'not_set', label: t('inventory.rto.kind.not_set') },
  ];
  const setKind = (k: Kind) => {
    if (k === 'none') onChange(null);
    else if (k === 'risk_accepted' || k === 'not_set') onChange({ kind: k });
    else onChange({ kind: k, minutes });
  };
  const setAmount = (n: number, u: Unit) => {
    if (kind !== 'duration' && kind !== 'at_least') return;
    onChange({ kind, minutes: Math.max(0, Math.round(n * UNIT_MINUTES[u])) });
  };

  return (
    <Stack gap={4} role="group" aria-labelledby={`${id}-label`}>
      <Text id={`${id}-label`} size="sm" fw={500}>
        {label}
      </Text>
      {description && (
        <Text size="xs" c="dimmed">
          {description}
        </Text>
      )}
      <Group gap="xs" wrap="wrap" align="flex-start">
        <Select
          aria-label={t('inventory.rto.kindLabel', { label })}
          data={kinds}
          value={kind}
          onChange={(v) => setKind((v ?? 'none') as Kind)}
          allowDeselect={false}
          w={170}
          disabled={disabled}
        />
        {(kind === 'duration' || kind === 'at_least') && (
          <>
            <NumberInput
              aria-label={t('inventory.rto.amountLabel', { label })}
              value={amount}
              min={0}
              max={unit === 'days' ? 365 : unit === 'hours' ? 8760 : 525600}
              allowDecimal={false}
              onChange={(v) => setAmount(Number(v) || 0, unit)}
              w={90}
              disabled={disabled}
            />
            <Select
              aria-label={t('inventory.rto.unitLabel', { label })}
              data={(['minutes', 'hours', 'days'] as const).map((u) => ({
                value: u,
                label: t(`inventory.rto.unitName.${u}`),
              }))}
              value={unit}
              onChange={(v) => setAmount(amount, (v ?? 'hours') as Unit)}
              allowDeselect={false}
              w={100}
              disabled={disabled}
            />
          </>
        )}
      </Group>
      {error && (
        <Text size="xs" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
