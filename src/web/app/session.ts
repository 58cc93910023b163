import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { CurrentOrg, OrgMembership, SessionResponse, SessionUser } from '../../shared/auth.js';
import type { Permission } from '../../shared/roles.js';
import { api, setCsrfToken } from './api.js';
import { keepPlanEdition } from './service-worker.js';

/** The session answer, flattened so pages need not narrow the union each time. */
export interface Session {
  authenticated: boolean;
  mfaPending: boolean;
  user: SessionUser | null;
  organizations: OrgMembership[];
  currentOrg: CurrentOrg | null;
  /** Set by this tab's own logout: go to the login page without remembering where the user was. */
  loggedOut?: boolean;
}

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<Session> {
  const session = await api.get<SessionResponse>('/session');
  if (!session.authenticated) {
    return { authenticated: false, mfaPending: false, user: null, organizations: [], currentOrg: null };
  }
  setCsrfToken(session.csrfToken);
  return {
    authenticated: true,
    mfaPending: session.mfaPending,
    user: session.user,
    organizations: session.organizations,
    currentOrg: session.currentOrg,
  };
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
}

/** The loaded session; only for components rendered under the signed-in shell. */
export function useAuthedSession(): Session & { user: SessionUser } {
  const { data } = useSession();
  const user = data?.user;
  if (!data || !user) throw new Error('useAuthedSession outside the signed-in shell');
  return { ...data, user };
}

export function useCan(): (permission: Permission) => boolean {
  const { data } = useSession();
  const permissions = data?.currentOrg?.permissions ?? [];
  return (permission) => permissions.includes(permission);
}

export function useSetupStatus(enabled = true) {
  return useQuery({
    queryKey: ['setup-status'],
    queryFn: () => api.get<{ needsSetup: boolean }>('/setup/status'),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** After login, logout, org switch: everything cached belongs to the previous context. */
export function useResetAfterSessionChange() {
  const client = useQueryClient();
  return async () => {
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    await client.invalidateQueries({ queryKey: SESSION_KEY });
  };
}

/** Switches the organization the user works in, then starts again from its home page. */
export function useSwitchOrg() {
  const reset = useResetAfterSessionChange();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (orgId: string) => api.post('/session/org', { orgId }),
    onSuccess: async () => {
      await reset();
      navigate('/');
    },
  });
}

const SIGNED_OUT: Session = {
  authenticated: false,
  mfaPending: false,
  user: null,
  organizations: [],
  currentOrg: null,
  loggedOut: true,
};

/** After logging out: forget everything cached at once, so no page shows the previous user's data. */
export function useForgetSession() {
  const client = useQueryClient();
  return () => {
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    client.setQueryData(SESSION_KEY, SIGNED_OUT);
    // The offline copy of the plan is the organization's: not kept for whoever uses the device next.
    keepPlanEdition(null);
  };
}
