/** Yen with thousands separators: ¥10,400,000. */
export function yen(lang: string, amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'ja-JP', {
    style: 'currency',
    currency: 'JPY',
    maximumFractionDigits: 0,
  }).format(amount);
}
