import { useMediaQuery } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { AppMantineProvider } from './mantine-provider.js';
import { createQueryClient } from './query-client.js';
import { AppRoutes } from './routes.js';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  return (
    <AppMantineProvider>
      {/* Top centre, over the 60 px header bar: a notice must not hide the table rows or form fields
          the user is reading (it did at the bottom), nor the drawer opening on the right or the
          header's menus at its two ends. */}
      <Notifications position="top-center" containerWidth={phone ? 340 : 420} notificationMaxHeight={120} />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </AppMantineProvider>
  );
}
