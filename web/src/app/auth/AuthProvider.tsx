import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { onUnauthorized } from '../api/client';
import { wipeOfflineStore } from '../offline/store';
import { getMe, postLogin, postLogout, type Credentials, type Me, type SignInStep } from './authApi';
import type { Permission } from './permissions';

/** Why the reader is on the sign-in page, told to them there. */
export type SignedOutNotice = 'sessionEnded' | 'signedOut' | 'signedOutEverywhere';

export type AuthStatus =
  | { status: 'loading' }
  /** GET /api/auth/session failed (no network, server down). */
  | { status: 'unreachable'; error: unknown }
  | { status: 'signedOut'; notice: SignedOutNotice | null }
  /** Password accepted, a step (code, authenticator, new password) still owed. */
  | { status: 'pending'; needs: SignInStep }
  | { status: 'signedIn'; me: Me };

interface AuthState {
  auth: AuthStatus;
  /** The signed-in person, or null. */
  me: Me | null;
  can: (permission: Permission) => boolean;
  signIn: (credentials: Credentials) => Promise<void>;
  /** Asks the server where the sign-in stands now (after a step, or to retry). */
  refresh: () => Promise<void>;
  signOut: (everywhere?: boolean) => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/**
 * Who is signed in. The session lives in an HttpOnly cookie the page cannot read, so on load the
 * server is asked (GET /api/auth/session); a 401 from any later call means the session ended.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [auth, setAuth] = useState<AuthStatus>({ status: 'loading' });
  const authRef = useRef(auth);
  authRef.current = auth;

  const apply = useCallback(
    (me: Me | null, notice: SignedOutNotice | null = null) => {
      const previous = authRef.current;
      const previousUser = previous.status === 'signedIn' ? previous.me.user.id : null;
      // Nothing one person loaded stays in memory for the next one.
      if (!me || me.needs || previousUser !== me.user.id) queryClient.clear();
      const next: AuthStatus = !me
        ? { status: 'signedOut', notice }
        : me.needs
          ? { status: 'pending', needs: me.needs }
          : { status: 'signedIn', me };
      authRef.current = next;
      setAuth(next);
    },
    [queryClient],
  );

  const refresh = useCallback(async () => {
    try {
      apply(await getMe());
    } catch (error) {
      setAuth({ status: 'unreachable', error });
    }
  }, [apply]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    onUnauthorized(() => {
      const current = authRef.current.status;
      if (current === 'signedIn' || current === 'pending') apply(null, 'sessionEnded');
    });
    return () => onUnauthorized(null);
  }, [apply]);

  const signIn = useCallback(
    async (credentials: Credentials) => {
      const needs = await postLogin(credentials);
      if (needs) {
        queryClient.clear();
        const next: AuthStatus = { status: 'pending', needs };
        authRef.current = next;
        setAuth(next);
        return;
      }
      await refresh();
    },
    [queryClient, refresh],
  );

  const signOut = useCallback(
    async (everywhere = false) => {
      try {
        await postLogout(everywhere);
      } finally {
        // Nothing of the children stays on the phone (the visit outbox and the saved due list).
        await wipeOfflineStore();
        apply(null, everywhere ? 'signedOutEverywhere' : 'signedOut');
      }
    },
    [apply],
  );

  const me = auth.status === 'signedIn' ? auth.me : null;
  const can = useCallback((permission: Permission) => me?.permissions.includes(permission) ?? false, [me]);
  const value = useMemo(() => ({ auth, me, can, signIn, refresh, signOut }), [auth, me, can, signIn, refresh, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}

/** The signed-in person; only for pages behind <RequireSignIn>. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe is only for pages that need a signed-in user');
  return me;
}
