import { isRecord, requestJson } from '../api/client';

export interface Credentials {
  username: string;
  password: string;
}

export interface SignedInUser {
  username: string;
  displayName: string;
}

// The server's sign-in endpoint is not built yet; when it is, its Zod schema replaces this guess.
function toSignedInUser(body: unknown, fallbackUsername: string): SignedInUser {
  const user = isRecord(body) && isRecord(body.user) ? body.user : body;
  const username = isRecord(user) && typeof user.username === 'string' ? user.username : fallbackUsername;
  const displayName = isRecord(user) && typeof user.displayName === 'string' ? user.displayName : username;
  return { username, displayName };
}

export async function postLogin(credentials: Credentials): Promise<SignedInUser> {
  const body = await requestJson('/api/auth/login', { method: 'POST', body: credentials });
  return toSignedInUser(body, credentials.username);
}
