import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangePasswordRequestSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  MfaEnableRequestSchema,
  MfaSetupResponseSchema,
  MfaVerifyRequestSchema,
  OkSchema,
  PasswordConfirmRequestSchema,
  RecoveryCodesResponseSchema,
  SessionResponseSchema,
  SessionUserSchema,
  SetupRequestSchema,
  SetupStatusSchema,
  UpdateMeRequestSchema,
} from '../../../shared/auth.js';
import { requireAuth } from '../../http/auth-context.js';
import { secretKey } from '../../security/secret-box.js';
import {
  clearSessionCookie,
  createSession,
  destroySession,
  setSessionCookie,
} from '../../security/sessions.js';
import * as service from './service.js';

/** Per-IP limits on the endpoints that take guesses. */
const LOGIN_RATE_LIMIT = { max: 30, timeWindow: '1 minute' } as const;
const SETUP_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const key = () => secretKey(app.config.dataDir);
  const ok = { ok: true } as const;

  // The CSRF token the web app sends back in X-CSRF-Token on every unsafe request.
  app.get(
    '/auth/csrf',
    { config: { access: 'public' }, schema: { response: { 200: z.object({ token: z.string() }) } } },
    async (_request, reply) => ({ token: reply.generateCsrf() }),
  );

  app.get(
    '/setup/status',
    { config: { access: 'public' }, schema: { response: { 200: SetupStatusSchema } } },
    async () => service.setupStatus(app.db),
  );

  app.post(
    '/setup',
    {
      config: { access: 'public', rateLimit: SETUP_RATE_LIMIT },
      schema: { body: SetupRequestSchema, response: { 201: OkSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = await service.setup(app.db, request.body);
      if (request.auth) await destroySession(app.db, request.auth.session.id);
      const token = await createSession(app.db, userId, { verified: true, orgId });
      setSessionCookie(reply, token, app.config.secureCookies);
      return reply.code(201).send(ok);
    },
  );

  app.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: LOGIN_RATE_LIMIT },
      schema: { body: LoginRequestSchema, response: { 200: LoginResponseSchema } },
    },
    async (request, reply) => {
      const result = await service.login(app.db, request.body, request.ip);
      // A fresh session on every login: an old cookie (even another user's) is never reused.
      if (request.auth) await destroySession(app.db, request.auth.session.id);
      const token = await createSession(app.db, result.userId, {
        verified: !result.mfaRequired,
        orgId: result.orgId,
      });
      setSessionCookie(reply, token, app.config.secureCookies);
      return { mfaRequired: result.mfaRequired };
    },
  );

  app.post(
    '/auth/mfa/verify',
    {
      config: { access: 'pending', rateLimit: LOGIN_RATE_LIMIT },
      schema: { body: MfaVerifyRequestSchema, response: { 200: OkSchema } },
    },
    async (request) => {
      await service.verifyMfa(app.db, key(), requireAuth(request), request.body.code, request.ip);
      return ok;
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'pending' }, schema: { response: { 200: OkSchema } } },
    async (request, reply) => {
      const auth = requireAuth(request);
      await destroySession(app.db, auth.session.id);
      await service.recordLogout(app.db, auth.user.id);
      clearSessionCookie(reply);
      return ok;
    },
  );

  app.get(
    '/session',
    { config: { access: 'public' }, schema: { response: { 200: SessionResponseSchema } } },
    async (request, reply) => service.sessionView(app.db, request.auth, reply.generateCsrf()),
  );

  app.patch(
    '/me',
    {
      config: { access: 'session' },
      schema: { body: UpdateMeRequestSchema, response: { 200: SessionUserSchema } },
    },
    async (request) => service.updateMe(app.db, requireAuth(request).user, request.body),
  );

  app.post(
    '/me/password',
    {
      config: { access: 'session', rateLimit: LOGIN_RATE_LIMIT },
      schema: { body: ChangePasswordRequestSchema, response: { 200: OkSchema } },
    },
    async (request) => {
      await service.changePassword(app.db, requireAuth(request), request.body);
      return ok;
    },
  );

  app.post(
    '/me/mfa/setup',
    { config: { access: 'session' }, schema: { response: { 200: MfaSetupResponseSchema } } },
    async (request) => service.mfaSetup(app.db, key(), requireAuth(request).user),
  );

  app.post(
    '/me/mfa/enable',
    {
      config: { access: 'session', rateLimit: LOGIN_RATE_LIMIT },
      schema: { body: MfaEnableRequestSchema, response: { 200: RecoveryCodesResponseSchema } },
    },
    async (request) => ({
      recoveryCodes: await service.mfaEnable(app.db, key(), requireAuth(request).user, request.body.code),
    }),
  );

  app.post(
    '/me/mfa/disable',
    {
      config: { access: 'session', rateLimit: LOGIN_RATE_LIMIT },
      schema: { body: PasswordConfirmRequestSchema, response: { 200: OkSchema } },
    },
    async (request) => {
      await service.mfaDisable(app.db, requireAuth(request).user, request.body.password);
      return ok;
    },
  );

  app.post(
    '/me/mfa/recovery-codes',
    {
      config: { access: 'session', rateLimit: LOGIN_RATE_LIMIT },
      schema: { body: PasswordConfirmRequestSchema, response: { 200: RecoveryCodesResponseSchema } },
    },
    async (request) => ({
      recoveryCodes: await service.regenerateRecoveryCodes(
        app.db,
        requireAuth(request).user,
        request.body.password,
      ),
    }),
  );
};
