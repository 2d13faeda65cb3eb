// Browser sessions (docs/auth.md §4): iron-session sealed cookie values, split into at most three
// chunks; the dev token in its own cookie; the transient sign-in state keyed by `state`.
// Framework-free: callers read and write the cookies.

import { sealData, unsealData } from "iron-session";
import { LRUCache } from "lru-cache";
import { ExplorerError } from "../errors";

export const SESSION_COOKIE = "opendepot_session";
export const DEV_TOKEN_COOKIE = "opendepot_devtoken";
export const OIDC_COOKIE = "opendepot_oidc";
export const LOOP_BREAKER_COOKIE = "opendepot_401";
const MAX_CHUNKS = 3;
/** Leaves room for the name and attributes inside a browser's 4096-byte cookie limit. */
const CHUNK_SIZE = 3800;

export interface SessionData {
  /** The ID token: the bearer forwarded to the gate. */
  readonly idToken: string;
  /** `exp` of the ID token, seconds since the epoch. */
  readonly expiresAt: number;
  readonly name?: string;
  readonly email?: string;
}

export interface PendingSignIn {
  readonly verifier: string;
  readonly nonce: string;
  readonly returnTo: string;
  /** ms since the epoch; entries older than 10 minutes are dropped. */
  readonly createdAt: number;
}

export const PENDING_TTL_MS = 10 * 60_000;

export function chunkNames(): string[] {
  return [SESSION_COOKIE, ...Array.from({ length: MAX_CHUNKS - 1 }, (_, i) => `${SESSION_COOKIE}.${i + 1}`)];
}

export class SessionTooLargeError extends ExplorerError<"ERR_SESSION_TOO_LARGE"> {
  constructor(message: string) {
    super("ERR_SESSION_TOO_LARGE", message);
  }
}

/** Seals the session and splits it into cookie values; throws when it needs more than 3 chunks. */
export async function sealSession(data: SessionData, password: string, ttlSeconds: number): Promise<string[]> {
  const sealed = await sealData(data, { password, ttl: Math.max(60, ttlSeconds) });
  const chunks: string[] = [];
  for (let i = 0; i < sealed.length; i += CHUNK_SIZE) chunks.push(sealed.slice(i, i + CHUNK_SIZE));
  if (chunks.length > MAX_CHUNKS) throw new SessionTooLargeError(`sealed session needs ${chunks.length} cookies`);
  return chunks;
}

// Unsealing derives two keys with PBKDF2 and costs about a millisecond; a signed-in browser sends
// the same cookie with every request. Successful unseals are kept per password for at most a
// minute and never past the seal's own (authenticated) expiration.
const unsealed = new Map<string, LRUCache<string, { value: object; until: number }>>();
const UNSEAL_CACHE_MS = 60_000;

/** The seal's expiration (ms since the epoch), from its 6th `*`-separated field; Infinity when none. */
function sealExpiration(seal: string): number {
  const field = seal.split("~")[0]?.split("*")[5];
  const ms = field ? Number(field) : NaN;
  return Number.isFinite(ms) ? ms : Infinity;
}

async function unsealCached(seal: string, password: string): Promise<object> {
  let cache = unsealed.get(password);
  if (!cache) unsealed.set(password, (cache = new LRUCache({ max: 2000 })));
  const now = Date.now();
  const hit = cache.get(seal);
  if (hit && hit.until > now) return hit.value;
  const value = await unsealData<object>(seal, { password });
  // `{}` is what iron-session returns for an expired, tampered or foreign seal: never cached.
  if (value && typeof value === "object" && Object.keys(value).length > 0)
    cache.set(seal, { value, until: Math.min(now + UNSEAL_CACHE_MS, sealExpiration(seal)) });
  return value;
}

/** Joins and unseals the chunks; anything tampered, expired or malformed reads as no session. */
export async function unsealSession(
  chunks: readonly (string | undefined)[],
  password: string,
): Promise<SessionData | undefined> {
  const joined: string[] = [];
  for (const c of chunks) {
    if (c === undefined || c === "") break;
    joined.push(c);
  }
  if (joined.length === 0) return undefined;
  try {
    const data = (await unsealCached(joined.join(""), password)) as Partial<SessionData>;
    if (typeof data.idToken !== "string" || typeof data.expiresAt !== "number") return undefined;
    return data as SessionData;
  } catch {
    return undefined;
  }
}

export async function sealValue(value: unknown, password: string, ttlSeconds: number): Promise<string> {
  return sealData(value, { password, ttl: ttlSeconds });
}

export async function unsealValue<T>(sealed: string | undefined, password: string): Promise<T | undefined> {
  if (!sealed) return undefined;
  try {
    const v = (await unsealCached(sealed, password)) as T;
    return v && typeof v === "object" && Object.keys(v).length > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `returnTo` (docs/auth.md §4): no control characters, whitespace or backslash; a single leading `/`;
 * same origin once resolved; not under /auth/. Anything else becomes `/`.
 */
export function safeReturnTo(returnTo: string | null | undefined, base: URL): string {
  if (!returnTo) return "/";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(returnTo)) return "/";
  if (!returnTo.startsWith("/") || returnTo.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(returnTo, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Re-check the decoded path too: `/%2e%2e/auth/` and `/%09/evil` must not get through.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return "/";
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0020\\]/.test(decoded) || decoded.startsWith("//")) return "/";
  if (url.pathname === "/auth" || url.pathname.startsWith("/auth/")) return "/";
  return path;
}

// The standard OAuth error codes and what a person is told; a Map because the code comes from the URL.
const AUTH_ERROR_TEXT = new Map([
  ["access_denied", "Sign-in was cancelled or access was denied."],
  ["login_required", "The identity provider needs you to sign in again."],
  ["consent_required", "The identity provider needs your consent."],
  ["interaction_required", "The identity provider needs you to complete sign-in."],
  ["account_selection_required", "Choose an account at the identity provider."],
  ["invalid_request", "The sign-in request was rejected."],
  ["unauthorized_client", "This application may not sign in with the identity provider."],
  ["unsupported_response_type", "The identity provider does not support this sign-in flow."],
  ["invalid_scope", "The identity provider rejected the requested scopes."],
  ["server_error", "The identity provider had an error."],
  ["temporarily_unavailable", "The identity provider is temporarily unavailable."],
  ["unknown", "Sign-in failed."],
]);

/** The standard OAuth error code, or `unknown`; free text from the IdP is never displayed. */
export function authErrorCode(error: string | null): string {
  return error && error !== "unknown" && AUTH_ERROR_TEXT.has(error) ? error : "unknown";
}

/** The sentence for an `auth_error` code from the URL (any unknown code reads as `unknown`). */
export function authErrorText(code: string): string {
  return AUTH_ERROR_TEXT.get(authErrorCode(code))!;
}
