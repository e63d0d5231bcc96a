import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { onUnauthorized, setCsrfToken } from '../api/client';
import {
  armPasswordUnlock,
  derivePasswordKey,
  dropPasswordKey,
  endPasswordUnlock,
  unlockWithPassword,
  wipeOfflineStore,
} from '../offline/store';
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
  /** `offline`: opened with the password from the phone's sealed store after a reload without signal. */
  | { status: 'signedIn'; me: Me; offline?: boolean };

interface AuthState {
  auth: AuthStatus;
  /** The signed-in person, or null. */
  me: Me | null;
  can: (permission: Permission) => boolean;
  signIn: (credentials: Credentials) => Promise<void>;
  /** Asks the server where the sign-in stands now (after a step, or to retry). */
  refresh: () => Promise<void>;
  signOut: (everywhere?: boolean) => Promise<void>;
  /** No signal: opens the phone's sealed store with the password (rejects `WrongPassword`). */
  workOffline: (password: string) => Promise<void>;
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
      if (previous.status === 'signedIn' && previous.offline && !me) void endPasswordUnlock().catch(() => undefined);
      if (me && !me.needs) void armPasswordUnlock(me, me.permissions.includes('visits.record')).catch(() => undefined);
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
      // Working offline, a failed contact changes nothing.
      const current = authRef.current;
      if (current.status !== 'signedIn' || !current.offline) setAuth({ status: 'unreachable', error });
    }
  }, [apply]);

  // Opened offline: the first contact asks the server whether the session still stands.
  const offline = auth.status === 'signedIn' && auth.offline === true;
  useEffect(() => {
    if (!offline) return;
    const online = () => void refresh();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [offline, refresh]);

  const workOffline = useCallback(async (password: string) => {
    const me = await unlockWithPassword(password);
    // The session's token, as sealed at sign-in: visits sent on the first contact need it before /session answers.
    setCsrfToken(me.csrfToken);
    const next: AuthStatus = { status: 'signedIn', me, offline: true };
    authRef.current = next;
    setAuth(next);
  }, []);

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
      derivePasswordKey(credentials.password);
      const needs = await postLogin(credentials).catch((caught: unknown) => {
        dropPasswordKey();
        throw caught;
      });
      // A password about to be replaced would open nothing the next time.
      if (needs === 'password_change') dropPasswordKey();
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
  const value = useMemo(
    () => ({ auth, me, can, signIn, refresh, signOut, workOffline }),
    [auth, me, can, signIn, refresh, signOut, workOffline],
  );
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
