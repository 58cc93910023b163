import { type CSSVariablesResolver, createTheme, darken } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 7 keeps white text on filled buttons above WCAG AA contrast.
  primaryShade: { light: 7, dark: 5 },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", Meiryo, sans-serif',
  defaultRadius: 'md',
});

/**
 * Light variants (badges, alert titles) write shade 9 on shade 1. For these hues that is below
 * WCAG AA 4.5:1 (yellow 2.7, lime 3.3, orange 3.6, green 3.8, teal 4.3, red 4.5); darken the text
 * just enough to reach about 4.8:1.
 */
const LIGHT_TEXT_DARKEN: Record<string, number> = {
  red: 0.05,
  teal: 0.1,
  green: 0.15,
  orange: 0.15,
  lime: 0.2,
  yellow: 0.3,
};

/**
 * Mantine's default "dimmed" grey and error red (red 6, 3.6:1 on white) are too light for small
 * text (WCAG AA 4.5:1); use darker ones.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const lightText: Record<string, string> = {};
  for (const [name, amount] of Object.entries(LIGHT_TEXT_DARKEN)) {
    const shade9 = t.colors[name]?.[9];
    if (shade9) lightText[`--mantine-color-${name}-light-color`] = darken(shade9, amount);
  }
  return {
    variables: {},
    light: {
      '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057',
      '--mantine-color-error': t.colors.red[9] ?? '#c92a2a',
      ...lightText,
    },
    dark: {},
  };
};
