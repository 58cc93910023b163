import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach } from 'vitest';
import type { Permission } from '../../shared/roles.js';
import { AppMantineProvider } from '../app/mantine-provider.js';
import { SESSION_KEY, type Session } from '../app/session.js';
import { applyLanguage, initI18n } from '../i18n/index.js';

/** One answer of the fake API: a JSON body with a status and, for versioned reads, an ETag. */
export interface FakeAnswer {
  status?: number;
  body: unknown;
  etag?: string;
}

/** The server refusing a request for its fields (400 validation_failed with these issues). */
export function validationFailed(
  ...issues: { path: (string | number)[]; code: string; params?: Record<string, string | number> }[]
): FakeAnswer {
  return {
    status: 400,
    body: { type: 'about:blank', title: 'Bad Request', status: 400, code: 'validation_failed', issues },
  };
}

/** A request the component sent, as the server would have received it. */
interface SentRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Responder = (request: SentRequest) => FakeAnswer | undefined;

/**
 * The server as the component sees it over fetch: `routes` answer by "METHOD /path" (the path
 * after /api/v1); every request is kept in `sent`. An unanswered request fails the test.
 */
export function fakeApi(routes: Record<string, FakeAnswer | Responder>) {
  const sent: SentRequest[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init.method ?? 'GET';
    const path = url.pathname.replace(/^\/api\/v1/, '') + url.search;
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const request = {
      method,
      path,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
    };
    sent.push(request);
    const route = routes[`${method} ${path}`];
    const answer = typeof route === 'function' ? route(request) : route;
    if (!answer) throw new Error(`fake API: no answer for ${method} ${path}`);
    const status = answer.status ?? 200;
    const problem = status >= 400;
    return new Response(JSON.stringify(answer.body), {
      status,
      headers: {
        'content-type': problem ? 'application/problem+json' : 'application/json',
        ...(answer.etag ? { etag: answer.etag } : {}),
      },
    });
  };
  afterEach(() => {
    globalThis.fetch = original;
  });
  return { sent };
}

/** A signed-in session in one organization with the given permissions. */
function sessionWith(permissions: Permission[]): Session {
  return {
    authenticated: true,
    mfaPending: false,
    user: { id: 'u1', email: 'owner@example.test', displayName: 'Owner', locale: 'en', mfaEnabled: false },
    organizations: [{ id: 'o1', name: 'Test Org', role: 'owner' }],
    currentOrg: { id: 'o1', name: 'Test Org', role: 'owner', permissions },
  };
}

/**
 * Renders `ui` as the app does (the real i18n in English, the app's Mantine theme, a query client,
 * a router at `route`), signed in with `permissions`. With `path` (e.g. '/incidents/:id'), `ui` is
 * the page of that route, so it reads its parameters from `route`.
 */
export async function renderInApp(
  ui: ReactNode,
  {
    permissions = [] as Permission[],
    route = '/',
    path,
  }: { permissions?: Permission[]; route?: string; path?: string } = {},
) {
  await initI18n();
  await applyLanguage('en');
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(SESSION_KEY, sessionWith(permissions));
  return render(
    <AppMantineProvider>
      <Notifications />
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[route]}>
          {path ? (
            <Routes>
              <Route path={path} element={ui} />
            </Routes>
          ) : (
            ui
          )}
        </MemoryRouter>
      </QueryClientProvider>
    </AppMantineProvider>,
  );
}

/**
 * Opens a Mantine select (or multi-select) and chooses one of its options; returns the list of
 * options. jsdom never runs the dropdown's opening transition, so the options count as hidden.
 */
export async function pickOption(field: HTMLElement, name: string): Promise<HTMLElement> {
  fireEvent.click(field);
  const list = document.getElementById(field.getAttribute('aria-controls') ?? '');
  if (!list) throw new Error('no listbox');
  fireEvent.click(await within(list).findByRole('option', { name, hidden: true }));
  return list;
}
