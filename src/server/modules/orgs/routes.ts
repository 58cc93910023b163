import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AcceptInvitationRequestSchema,
  AcceptInvitationResponseSchema,
  ForgotPasswordOptionsSchema,
  ForgotPasswordRequestSchema,
  InvitationPreviewSchema,
  InvitationTokenParamsSchema,
  OkSchema,
  PasswordResetLinkStatusSchema,
  PasswordResetRequestSchema,
  PasswordResetTokenParamsSchema,
} from '../../../shared/auth.js';
import {
  CreateInvitationRequestSchema,
  CreateInvitationResponseSchema,
  CreateOrgRequestSchema,
  InvitationIdParamsSchema,
  InvitationListResponseSchema,
  ListQuerySchema,
  MemberListResponseSchema,
  MemberSchema,
  OrgOverviewResponseSchema,
  OrgSchema,
  PasswordResetLinkResponseSchema,
  SwitchOrgRequestSchema,
  UpdateMemberRequestSchema,
  UpdateOrgRequestSchema,
  UserIdParamsSchema,
} from '../../../shared/orgs.js';
import { requireAuth, requireOrg } from '../../http/auth-context.js';
import { createSession, destroySession, setSessionCookie } from '../../security/sessions.js';
import * as service from './service.js';

const INVITATION_RATE_LIMIT = { max: 60, timeWindow: '1 minute' } as const;
/** As many tries as a login gets: a reset link is a way into an account. */
const PASSWORD_RESET_RATE_LIMIT = { max: 30, timeWindow: '1 minute' } as const;

/** Organizations (advisor overview, switching, settings), members and invitations. */
export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const ok = { ok: true } as const;
  // Reset mails go out after the answer (see POST /password-reset-requests); closing waits for them.
  const mailing = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled(mailing);
  });

  app.get(
    '/orgs',
    { config: { access: 'session' }, schema: { response: { 200: OrgOverviewResponseSchema } } },
    async (request) => service.overview(app.db, requireAuth(request).user.id),
  );

  app.post(
    '/orgs',
    { config: { access: 'session' }, schema: { body: CreateOrgRequestSchema, response: { 201: OrgSchema } } },
    async (request, reply) =>
      reply.code(201).send(await service.createOrg(app.db, requireAuth(request).user.id, request.body.name)),
  );

  app.post(
    '/session/org',
    { config: { access: 'session' }, schema: { body: SwitchOrgRequestSchema, response: { 200: OkSchema } } },
    async (request) => {
      await service.switchOrg(app.db, requireAuth(request), request.body.orgId);
      return ok;
    },
  );

  app.get(
    '/org',
    { config: { access: 'org.read', etag: true }, schema: { response: { 200: OrgSchema } } },
    async (request) => await service.getOrg(app.db, requireOrg(request).orgId),
  );

  app.patch(
    '/org',
    {
      config: { access: 'org.manage', etag: true, ifMatch: true },
      schema: { body: UpdateOrgRequestSchema, response: { 200: OrgSchema } },
    },
    async (request) => await service.updateOrg(app.db, requireOrg(request), request.ifMatch, request.body),
  );

  // ---- Members ----

  app.get(
    '/org/members',
    {
      config: { access: 'org.read' },
      schema: { querystring: ListQuerySchema, response: { 200: MemberListResponseSchema } },
    },
    async (request) => service.listMembers(app.db, requireOrg(request).orgId, request.query),
  );

  app.patch(
    '/org/members/:userId',
    {
      config: { access: 'members.manage' },
      schema: {
        params: UserIdParamsSchema,
        body: UpdateMemberRequestSchema,
        response: { 200: MemberSchema },
      },
    },
    async (request) =>
      service.changeRole(app.db, requireOrg(request), request.params.userId, request.body.role),
  );

  app.delete(
    '/org/members/:userId',
    { config: { access: 'members.manage' }, schema: { params: UserIdParamsSchema } },
    async (request, reply) => {
      await service.removeMember(app.db, requireOrg(request), request.params.userId);
      return reply.code(204).send();
    },
  );

  // ---- Password reset links ----

  app.post(
    '/org/members/:userId/password-reset',
    {
      config: { access: 'members.manage' },
      schema: { params: UserIdParamsSchema, response: { 201: PasswordResetLinkResponseSchema } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.createPasswordResetLink(
            app.db,
            requireOrg(request),
            app.config.baseUrl,
            request.params.userId,
          ),
        ),
  );

  app.get(
    '/password-reset/:token',
    {
      config: { access: 'public', rateLimit: PASSWORD_RESET_RATE_LIMIT },
      schema: { params: PasswordResetTokenParamsSchema, response: { 200: PasswordResetLinkStatusSchema } },
    },
    async (request) => service.passwordResetLinkStatus(app.db, request.params.token),
  );

  app.get(
    '/password-reset-requests/options',
    { config: { access: 'public' }, schema: { response: { 200: ForgotPasswordOptionsSchema } } },
    async () => ({ byEmail: app.mailer.configured }),
  );

  // "Forgot your password?" The answer is sent before anything is looked up, so it is the same,
  // just as fast, whether or not the address has an account; the link is mailed afterwards.
  app.post(
    '/password-reset-requests',
    {
      config: { access: 'public', rateLimit: PASSWORD_RESET_RATE_LIMIT },
      schema: { body: ForgotPasswordRequestSchema, response: { 202: ForgotPasswordOptionsSchema } },
    },
    async (request, reply) => {
      if (app.mailer.configured) {
        const task = service
          .requestPasswordResetByEmail(app.db, app.mailer, app.config.baseUrl, request.body.email)
          .catch((err: unknown) => request.log.error({ err }, 'password reset request failed'))
          .finally(() => mailing.delete(task));
        mailing.add(task);
      }
      return reply.code(202).send({ byEmail: app.mailer.configured });
    },
  );

  app.post(
    '/password-reset/:token',
    {
      config: { access: 'public', rateLimit: PASSWORD_RESET_RATE_LIMIT },
      schema: {
        params: PasswordResetTokenParamsSchema,
        body: PasswordResetRequestSchema,
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      await service.usePasswordResetLink(app.db, request.params.token, request.body.password);
      return ok;
    },
  );

  // ---- Invitations (organization side) ----

  app.post(
    '/org/invitations',
    {
      config: { access: 'members.manage' },
      schema: { body: CreateInvitationRequestSchema, response: { 201: CreateInvitationResponseSchema } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createInvitation(app.db, requireOrg(request), app.config.baseUrl, request.body)),
  );

  app.get(
    '/org/invitations',
    {
      config: { access: 'members.manage' },
      schema: { querystring: ListQuerySchema, response: { 200: InvitationListResponseSchema } },
    },
    async (request) => service.listInvitations(app.db, requireOrg(request).orgId, request.query),
  );

  app.delete(
    '/org/invitations/:id',
    { config: { access: 'members.manage' }, schema: { params: InvitationIdParamsSchema } },
    async (request, reply) => {
      await service.revokeInvitation(app.db, requireOrg(request), request.params.id);
      return reply.code(204).send();
    },
  );

  // ---- Invitations (public side: the link) ----

  app.get(
    '/invitations/:token',
    {
      config: { access: 'public', rateLimit: INVITATION_RATE_LIMIT },
      schema: { params: InvitationTokenParamsSchema, response: { 200: InvitationPreviewSchema } },
    },
    async (request) => service.previewInvitation(app.db, request.params.token),
  );

  app.post(
    '/invitations/:token/accept',
    {
      config: { access: 'public', rateLimit: INVITATION_RATE_LIMIT },
      schema: {
        params: InvitationTokenParamsSchema,
        body: AcceptInvitationRequestSchema,
        response: { 200: AcceptInvitationResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await service.acceptInvitation(app.db, request.auth, request.params.token, request.body);
      if (result.newUserId) {
        if (request.auth) await destroySession(app.db, request.auth.session.id);
        const token = await createSession(app.db, result.newUserId, {
          verified: true,
          orgId: result.organizationId,
        });
        setSessionCookie(reply, token, app.config.secureCookies);
      }
      return { organizationId: result.organizationId, accountCreated: result.accountCreated };
    },
  );
};
