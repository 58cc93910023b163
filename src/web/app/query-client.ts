import { notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import i18n from 'i18next';
import { ApiError } from './api.js';
import { errorMessage, isUnexpected } from './errors.js';

/** Errors a page cannot explain (server down, a bug) get one notice in the corner. */
function notifyUnexpected(err: unknown): void {
  if (!isUnexpected(err)) return;
  notifications.show({
    id: err instanceof ApiError ? `api-${err.code}` : 'unexpected',
    color: 'red',
    title: i18n.t('common.somethingWentWrong'),
    message: errorMessage(i18n.t, err),
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        if (err instanceof ApiError && err.status === 401 && query.queryKey[0] !== 'session') {
          // The session ended (expired, logged out elsewhere): reload it so the app shows login.
          void client.invalidateQueries({ queryKey: ['session'] });
          return;
        }
        notifyUnexpected(err);
      },
    }),
    mutationCache: new MutationCache({
      onError: (err) => {
        if (err instanceof ApiError && err.status === 401) {
          void client.invalidateQueries({ queryKey: ['session'] });
        }
        notifyUnexpected(err);
      },
    }),
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        retry: (count, err) => {
          if (err instanceof ApiError && err.status >= 400 && err.status < 500) return false;
          return count < 2;
        },
      },
      mutations: { retry: false },
    },
  });
  return client;
}
