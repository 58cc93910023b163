import type { FastifyRequest } from 'fastify';
import type { Role } from '../../domain/organization.js';
import type { Permission } from '../../shared/roles.js';
import { can } from '../../shared/roles.js';
import type { AuthContext } from '../security/auth-context.js';
import { AppError } from './problem.js';

/**
 * Access rule declared on every route in `config.access`; the tenant-isolation test reads it.
 * - 'public': anyone (login, setup, health)
 * - 'session': a logged-in user whose second factor is done, no organization needed
 * - 'pending': a session that has passed the password but not yet the second factor
 * - a Permission: a member of the current organization whose role grants it
 */
export type Access = 'public' | 'session' | 'pending' | Permission;

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /**
     * false on a public route a machine calls with its own secret header and no cookie (the
     * earthquake report push): no session rides on it, so there is nothing to forge.
     */
    csrf?: false;
  }
}

/** The caller; throws 401 where there is none (guards already ran, so this is a typing aid). */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError(401, 'unauthenticated');
  return request.auth;
}

/** The caller's current organization id and role; throws if the session has none. */
export function requireOrg(request: FastifyRequest): { userId: string; orgId: string; role: Role } {
  const auth = requireAuth(request);
  if (!auth.org) throw new AppError(403, 'forbidden');
  return { userId: auth.user.id, orgId: auth.org.id, role: auth.org.role };
}

export function checkAccess(access: Access, auth: AuthContext | null): void {
  if (access === 'public') return;
  if (!auth) throw new AppError(401, 'unauthenticated');
  if (access === 'pending') return;
  if (!auth.session.verified_at) throw new AppError(401, 'mfa_required');
  if (access === 'session') return;
  if (!auth.org || !can(auth.org.role, access)) throw new AppError(403, 'forbidden');
}
