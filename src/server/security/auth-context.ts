import type { Role } from '../../domain/organization.js';
import type { SessionRow, UserRow } from '../db/schema.js';

/** Who is calling, resolved from the session cookie by the auth plugin (`http/auth-context.ts`). */
export interface AuthContext {
  user: UserRow;
  session: SessionRow;
  /** The organization the session is working in, with the user's role there. */
  org: { id: string; role: Role } | null;
}
