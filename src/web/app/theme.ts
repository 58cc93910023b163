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
 * Light variants (badges, alert titles, the active menu link) write shade 9 on shade 1, or on
 * shade 2 when hovered. For these hues that is below WCAG AA 4.5:1 (e.g. yellow 2.5, lime 3.1,
 * orange 3.2, teal 3.8, indigo 4.1 when hovered); darken the text just enough to stay above it.
 */
const LIGHT_TEXT_DARKEN: Record<string, number> = {
  red: 0.15,
  violet: 0.1,
  indigo: 0.1,
  blue: 0.1,
  cyan: 0.1,
  teal: 0.15,
  green: 0.2,
  lime: 0.25,
  orange: 0.25,
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
