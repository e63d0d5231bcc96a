import type { Locale } from '../i18n/locale.js';

/** Who is acting: a signed-in user, an API token, the system (CLI, sweeps) or an anonymous caller. */
export interface Actor {
  kind: 'user' | 'token' | 'system' | 'anonymous';
  userId: string | null;
  organisationId: string | null;
  /** Human-readable name for the audit log, e.g. "张伟 (沙市区民政局)" or "system:sweep". */
  label: string;
  roles: readonly string[];
  permissions: ReadonlySet<string>;
  /** Division codes whose subtrees the actor may see (12-digit, trailing zeros trimmed by level). */
  jurisdiction: readonly string[];
  /**
   * Where the actor sees children by place. Defaults to `jurisdiction`; empty for organisations
   * that see children only by taking part in their cases (social work, charities, institutions).
   */
  childJurisdiction?: readonly string[];
  locale: Locale;
  ip: string | null;
  requestId: string | null;
  /** For an API token: which token, the person answerable for it, and what its chain allows. */
  token?: TokenPrincipal;
}

export interface TokenPrincipal {
  id: string;
  /** The user who minted it (or the token it descends from); null for tokens made by the system. */
  createdBy: string | null;
  canMint: boolean;
  /** The earliest expiry along its chain of parents: it cannot outlive any of them. */
  expiresAt: Date;
}

/** The person a change is attributed to: the signed-in user, or the user answerable for a token. */
export function accountableUserId(actor: Actor): string | null {
  return actor.userId ?? actor.token?.createdBy ?? null;
}

export function systemActor(purpose: string, locale: Locale = 'zh-CN'): Actor {
  return {
    kind: 'system',
    userId: null,
    organisationId: null,
    label: `system:${purpose}`,
    roles: ['system'],
    permissions: new Set(['*']),
    jurisdiction: [],
    locale,
    ip: null,
    requestId: null,
  };
}

export function anonymousActor(locale: Locale, ip: string | null, requestId: string | null): Actor {
  return {
    kind: 'anonymous',
    userId: null,
    organisationId: null,
    label: 'anonymous',
    roles: [],
    permissions: new Set(),
    jurisdiction: [],
    locale,
    ip,
    requestId,
  };
}

export function hasPermission(actor: Actor, permission: string): boolean {
  return actor.permissions.has('*') || actor.permissions.has(permission);
}
