import { TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYenExact, formatYenShort, parseYenText, type YenTextProblem } from '../../domain/yen-text.js';

const langOf = (language: string): 'ja' | 'en' => (language === 'en' ? 'en' : 'ja');

/** The exact figure in the reader's language: ¥27,400,000 / 27,400,000円. */
export function yenExact(lang: string, amount: number): string {
  return langOf(lang) === 'en' ? `¥${formatYenExact(amount)}` : `${formatYenExact(amount)}円`;
}

/** An amount as owners read it (2,740万円, ¥27.4M); '' for none. */
export function yen(lang: string, amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '';
  return formatYenShort(amount, langOf(lang));
}

/**
 * An amount as owners read it (2,740万円) with the exact figure on hover, focus and tap, and for
 * screen readers in the text itself.
 */
export function YenAmount({ value }: { value: number }) {
  const { t, i18n } = useTranslation();
  const short = yen(i18n.language, value);
  const exact = yenExact(i18n.language, value);
  if (short === exact) return <span>{short}</span>;
  return (
    <Tooltip label={t('money.exact', { amount: exact })} events={{ hover: true, focus: true, touch: true }}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: focus shows the exact figure for keyboard users */}
      <span tabIndex={0} title={exact} style={{ whiteSpace: 'nowrap', textDecoration: 'underline dotted' }}>
        {short}
        <VisuallyHidden>（{exact}）</VisuallyHidden>
      </span>
    </Tooltip>
  );
}

/**
 * Every yen field of the app. Takes what people type ("3億", "2,740万", "１．５億円", "¥300,000"),
 * says below the field what will be saved, and refuses anything else with a message while keeping
 * the text: `onChange` receives the amount (null when empty) only for text it could read, and
 * `onProblem` the reason (null again once the text reads), so the form can refuse to save.
 */
export function YenInput({
  label,
  description,
  value,
  onChange,
  onProblem,
  max,
  error,
  disabled,
  name,
}: {
  label: string;
  description?: string | undefined;
  value: number | null;
  onChange: (yen: number | null) => void;
  onProblem?: (problem: YenTextProblem | null) => void;
  max?: number;
  error?: ReactNode;
  disabled?: boolean;
  name?: string;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(value === null ? '' : formatYenExact(value));
  const [problem, setProblem] = useState<YenTextProblem | null>(null);
  const [touched, setTouched] = useState(false);
  // A value set from outside (a preset, a helper, a reload) replaces the text.
  useEffect(() => {
    setText((current) => {
      const read = current.trim() === '' ? null : parseYenText(current, max);
      const same = read === null ? value === null : read.ok && read.yen === value;
      return same ? current : value === null ? '' : formatYenExact(value);
    });
  }, [value, max]);

  const read = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setProblem(null);
      onProblem?.(null);
      onChange(null);
      return;
    }
    const r = parseYenText(next, max);
    setProblem(r.ok ? null : r.problem);
    onProblem?.(r.ok ? null : r.problem);
    if (r.ok) onChange(r.yen);
  };
  const own =
    problem && (touched || error)
      ? t(`issues.${problem}`, { maximum: yen(i18n.language, max ?? Number.MAX_SAFE_INTEGER) })
      : null;
  const reads =
    !problem && value !== null && text.trim() !== ''
      ? t('money.reads', { amount: `${yen(i18n.language, value)}（${yenExact(i18n.language, value)}）` })
      : null;
  return (
    <TextInput
      label={label}
      name={name}
      description={[description, reads].filter(Boolean).join(' ') || undefined}
      inputMode="text"
      autoComplete="off"
      value={text}
      disabled={disabled}
      error={own ?? error ?? undefined}
      onChange={(e) => read(e.currentTarget.value)}
      onBlur={() => setTouched(true)}
    />
  );
}
