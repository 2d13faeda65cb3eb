// The browser's sign-in state, all in cookies (docs/auth.md §4): the session (sealed, split into
// at most three chunks), the pasted dev token, the sign-ins in flight and the 401 loop breaker.
// One module owns their names, attributes, sealing and chunking; callers hand it a CookieJar
// (route handlers, proxy.ts and pages each adapt their framework's cookies to it).

import { pendingValue, readPending } from "./pending-sign-in";
import {
  chunkNames,
  DEV_TOKEN_COOKIE,
  LOOP_BREAKER_COOKIE,
  OIDC_COOKIE,
  PENDING_TTL_MS,
  sealSession,
  sealValue,
  unsealSession,
  unsealValue,
  type PendingSignIn,
  type SessionData,
} from "./session";

export interface CookieOptions {
  readonly httpOnly: true;
  readonly sameSite: "lax";
  readonly path: "/";
  readonly secure: boolean;
  /** Seconds; 0 deletes the cookie. Absent: a browser-session cookie. */
  readonly maxAge?: number;
}

export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, options: CookieOptions): void;
}

export interface CookieSettings {
  /** iron-session password (SESSION_PASSWORD). */
  readonly password: string;
  /** Cookies are `Secure` when the public base URL is https. */
  readonly secure: boolean;
}

/** A dev token is kept for a week (the token's own expiry still applies at the gate). */
export const DEV_TOKEN_TTL_S = 7 * 24 * 3600;
/** Leaves room for the name and attributes inside a browser's 4096-byte cookie limit. */
const MAX_COOKIE = 3800;
const LOOP_BREAKER_TTL_S = 30;

/** The cookie settings of configured sessions: `Secure` exactly when the public base URL is https. */
export function cookieSettingsFor(
  session: { readonly password: string; readonly publicBaseUrl: URL } | undefined,
): CookieSettings | undefined {
  return session ? { password: session.password, secure: session.publicBaseUrl.protocol === "https:" } : undefined;
}

export function cookieOptions(secure: boolean, maxAgeSeconds?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

function clear(jar: CookieJar, settings: Pick<CookieSettings, "secure">, name: string): void {
  jar.set(name, "", cookieOptions(settings.secure, 0));
}

export function readSession(jar: CookieJar, settings: CookieSettings): Promise<SessionData | undefined> {
  return unsealSession(
    chunkNames().map((n) => jar.get(n)),
    settings.password,
  );
}

/** Writes the session in as many chunks as it needs and clears the rest; throws SessionTooLargeError. */
export async function writeSession(
  jar: CookieJar,
  settings: CookieSettings,
  data: SessionData,
  ttlSeconds: number,
): Promise<void> {
  const chunks = await sealSession(data, settings.password, ttlSeconds);
  chunkNames().forEach((name, i) => {
    if (chunks[i] !== undefined) jar.set(name, chunks[i]!, cookieOptions(settings.secure, ttlSeconds));
    else clear(jar, settings, name);
  });
}

export function clearSession(jar: CookieJar, settings: Pick<CookieSettings, "secure">): void {
  for (const name of chunkNames()) clear(jar, settings, name);
}

export async function readDevToken(jar: CookieJar, settings: CookieSettings): Promise<string | undefined> {
  return (await unsealValue<{ token: string }>(jar.get(DEV_TOKEN_COOKIE), settings.password))?.token;
}

/** Keeps a pasted token; false when it is too large for one cookie (nothing is written then). */
export async function writeDevToken(jar: CookieJar, settings: CookieSettings, token: string): Promise<boolean> {
  const sealed = await sealValue({ token }, settings.password, DEV_TOKEN_TTL_S);
  if (sealed.length > MAX_COOKIE) return false;
  jar.set(DEV_TOKEN_COOKIE, sealed, cookieOptions(settings.secure, DEV_TOKEN_TTL_S));
  return true;
}

export function clearDevToken(jar: CookieJar, settings: Pick<CookieSettings, "secure">): void {
  clear(jar, settings, DEV_TOKEN_COOKIE);
}

/** The sign-ins this browser started and has not finished, unexpired and well-formed. */
export async function readPendingSignIns(
  jar: CookieJar,
  settings: CookieSettings,
  now: number,
): Promise<Map<string, PendingSignIn>> {
  return readPending(await unsealValue<unknown>(jar.get(OIDC_COOKIE), settings.password), now);
}

/** Stores the sign-ins in flight; an empty map clears the cookie. */
export async function writePendingSignIns(
  jar: CookieJar,
  settings: CookieSettings,
  pending: ReadonlyMap<string, PendingSignIn>,
): Promise<void> {
  if (pending.size === 0) return clear(jar, settings, OIDC_COOKIE);
  const ttl = PENDING_TTL_MS / 1000;
  jar.set(
    OIDC_COOKIE,
    await sealValue(pendingValue(pending), settings.password, ttl),
    cookieOptions(settings.secure, ttl),
  );
}

/** Marks that a page was just sent to sign in after a 401, so the next 401 explains instead. */
export function setLoopBreaker(jar: CookieJar, settings: Pick<CookieSettings, "secure">): void {
  jar.set(LOOP_BREAKER_COOKIE, "1", cookieOptions(settings.secure, LOOP_BREAKER_TTL_S));
}
