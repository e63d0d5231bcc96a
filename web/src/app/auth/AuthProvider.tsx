import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { postLogin, type Credentials, type SignedInUser } from './authApi';

/**
 * Who is signed in. A placeholder until the access issue lands: it holds the user in memory only,
 * does not restore a session on reload and guards no route. The session itself lives in an
 * HttpOnly cookie the browser cannot read, so restoring it will mean asking the server.
 */
interface AuthState {
  user: SignedInUser | null;
  signIn: (credentials: Credentials) => Promise<SignedInUser>;
  signOut: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SignedInUser | null>(null);
  const signIn = useCallback(async (credentials: Credentials) => {
    const signedIn = await postLogin(credentials);
    setUser(signedIn);
    return signedIn;
  }, []);
  const signOut = useCallback(() => setUser(null), []);
  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}
