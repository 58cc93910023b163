import { MantineProvider, mergeThemeOverrides, Notification } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { createQueryClient } from './query-client.js';
import { AppRoutes } from './routes.js';
import { cssVariablesResolver, theme } from './theme.js';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  // Toasts' close buttons are icon-only: give them a name in the current language.
  const localTheme = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          Notification: Notification.extend({
            defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } },
          }),
        },
      }),
    [t],
  );
  return (
    <MantineProvider theme={localTheme} forceColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      {/* Bottom left: a notice shown after a save must not cover the page's header actions, nor the
          drawer (it opens on the right) the user is still working in. Centered on phones, where a
          toast spans the width anyway. */}
      <Notifications position={phone ? 'bottom-center' : 'bottom-left'} />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
