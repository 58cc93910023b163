import {
  Alert,
  Drawer,
  MantineProvider,
  Modal,
  mergeThemeOverrides,
  Notification,
  Pill,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { cssVariablesResolver, theme } from './theme.js';

/**
 * The theme with a name, in the current language, for every icon-only button Mantine draws
 * itself: the × of dialogs, drawers, toasts and alerts, and the remove button of a pill. A screen
 * reader otherwise announces just "button". A component's own props still win.
 */
function localizedTheme(t: TFunction) {
  const close = { 'aria-label': t('common.close') };
  return mergeThemeOverrides(theme, {
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps: close } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps: close } }),
      Notification: Notification.extend({ defaultProps: { closeButtonProps: close } }),
      Alert: Alert.extend({ defaultProps: { closeButtonLabel: t('common.close') } }),
      Pill: Pill.extend({ defaultProps: { removeButtonProps: { 'aria-label': t('common.remove') } } }),
    },
  });
}

/** Mantine as the app uses it: its theme, light colours, and names that follow the language. */
export function AppMantineProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the names change with the language.
  const localTheme = useMemo(() => localizedTheme(t), [t, i18n.language]);
  return (
    <MantineProvider theme={localTheme} forceColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}
