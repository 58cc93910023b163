import { Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isOneOf } from '../../domain/one-of.js';
import type { RtoValue } from '../../shared/inventory.js';
import type { ChosenUnit, RtoUnit } from './rto-units.js';
import { RTO_UNITS, rtoDisplay, rtoFromAmount, UNIT_MAX } from './rto-units.js';

type Kind = RtoValue['kind'] | 'none';

/**
 * Edits one target or expected recovery time: "N hours/days or less", "N or more", or the states
 * "risk accepted" / "not set" (states are not numbers), in the word order of the UI language
 * (`inventory.rto.order`). `allowNone` adds "no value" (null) for optional fields.
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
  const stored = value && 'minutes' in value ? value.unit : undefined;
  // The unit the user picked is kept, and saved with the value (24 時間 stays 24 時間 next time);
  // it is derived from the minutes only for a value saved without one.
  const [chosen, setChosen] = useState<ChosenUnit | null>(null);
  const { amount, unit } = rtoDisplay(minutes, chosen, stored);

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
    else onChange({ kind: k, minutes, unit });
  };
  const setAmount = (n: number, u: RtoUnit) => {
    if (kind !== 'duration' && kind !== 'at_least') return;
    const next = rtoFromAmount(n, u);
    setChosen(next.chosen);
    onChange({ kind, minutes: next.minutes, unit: u });
  };

  const kindSelect = (
    <Select
      aria-label={t('inventory.rto.kindLabel', { label })}
      data={kinds}
      value={kind}
      onChange={(v) => {
        const picked = kinds.find((k) => k.value === v);
        if (picked) setKind(picked.value);
      }}
      allowDeselect={false}
      w={170}
      disabled={disabled}
    />
  );
  // Japanese reads "[3] [時間] [以内に戻す]", English "[Back within] [3] [hours]".
  const amountFirst = t('inventory.rto.order') === 'amount-first';

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
      <Group gap="xs" wrap="wrap" align="center">
        {!amountFirst && kindSelect}
        {(kind === 'duration' || kind === 'at_least') && (
          <>
            <NumberInput
              aria-label={t('inventory.rto.amountLabel', { label })}
              value={amount}
              min={0}
              max={UNIT_MAX[unit]}
              allowDecimal={false}
              onChange={(v) => setAmount(Number(v) || 0, unit)}
              w={90}
              disabled={disabled}
            />
            <Select
              aria-label={t('inventory.rto.unitLabel', { label })}
              data={RTO_UNITS.map((u) => ({
                value: u,
                label: t(`inventory.rto.unitName.${u}`),
              }))}
              value={unit}
              onChange={(v) => {
                if (isOneOf(RTO_UNITS, v)) setAmount(amount, v);
              }}
              allowDeselect={false}
              w={100}
              disabled={disabled}
            />
          </>
        )}
        {amountFirst && kindSelect}
      </Group>
      {error && (
        <Text size="xs" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
