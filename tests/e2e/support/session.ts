import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Clock } from '../../../src/server/clock.js';
import { LoginPage } from '../pages/login-page.js';
import { Shell } from '../pages/shell.js';
import { ApiClient, OWNER } from './api.js';
import { launchBrowser, newContext, screenshotOnFailure } from './browser.js';
import { type E2eServer, startServer } from './server.js';

/** Signs the owner in from a new browser context (nothing stored) and waits for the home page. */
export async function signInAsOwner(
  browser: Browser,
  baseUrl: string,
  opts: { phone?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, opts);
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto(baseUrl);
  await login.login(OWNER.email, OWNER.password);
  await new Shell(page).waitForHeading(OWNER.organizationName);
  return { context, page };
}

/**
 * Runs `use` on a page of a new 375 × 740 phone context, signed in as the owner when `signInAt`
 * (the server's address) is given; the context is closed afterwards, also when `use` fails.
 */
export async function withPhone(
  browser: Browser,
  opts: { signInAt?: string },
  use: (page: Page) => Promise<void>,
): Promise<void> {
  const phone = opts.signInAt
    ? await signInAsOwner(browser, opts.signInAt, { phone: true })
    : await (async () => {
        const context = await newContext(browser, { phone: true });
        return { context, page: await context.newPage() };
      })();
  try {
    await use(phone.page);
  } finally {
    await phone.context.close();
  }
}

export interface OwnerSession {
  server: E2eServer;
  /** Signed in as the owner, for arranging and checking data a test is not about. */
  api: ApiClient;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * The usual start of a spec: its own server on a fresh database with the organization and owner
 * set up over the API, then `arrange` for data the spec is not about, then Chromium with the owner
 * signed in. `close()` ends all of it (call it in afterAll; it copes with a half-made session).
 */
export async function startOwnerSession(
  opts: { arrange?: (api: ApiClient) => Promise<void>; phone?: boolean; clock?: Clock } = {},
): Promise<OwnerSession> {
  const session: Partial<OwnerSession> = {};
  const close = async () => {
    await session.context?.close();
    await session.browser?.close();
    await session.api?.dispose();
    await session.server?.close();
  };
  try {
    session.server = await startServer(opts.clock ? { clock: opts.clock } : {});
    session.api = await ApiClient.create(session.server.url);
    await session.api.setup(OWNER);
    await opts.arrange?.(session.api);
    session.browser = await launchBrowser();
    Object.assign(
      session,
      await signInAsOwner(session.browser, session.server.url, opts.phone ? { phone: true } : {}),
    );
  } catch (err) {
    await close();
    throw err;
  }
  return { ...(session as Omit<OwnerSession, 'close'>), close };
}

/**
 * startOwnerSession for a whole describe block: started in beforeAll, closed in afterAll, with a
 * screenshot of the page when a test fails. The returned object is filled in once beforeAll ran,
 * so read its fields inside the tests: `const s = useOwnerSession(); it('…', () => s.page…)`.
 */
export function useOwnerSession(opts: Parameters<typeof startOwnerSession>[0] = {}): OwnerSession {
  const session = {} as OwnerSession;
  beforeAll(async () => {
    Object.assign(session, await startOwnerSession(opts));
  });
  screenshotOnFailure(() => session.page);
  afterAll(async () => {
    await session.close?.();
  });
  return session;
}
