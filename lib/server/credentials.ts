// Where a request's bearer comes from (auth.md §1, §4): the Authorization header; when it is
// absent, the dev token cookie (only while enabled), then the session's unexpired ID token.

import "server-only";
import { bearerFromHeader, type Credential } from "../auth/gate";
import { chunkNames, DEV_TOKEN_COOKIE, unsealSession, unsealValue, type SessionData } from "../auth/session";
import type { Runtime } from "./runtime";

export type CookieGetter = (name: string) => string | undefined;

export function cookieGetter(header: string | null): CookieGetter {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!jar.has(name)) jar.set(name, part.slice(i + 1).trim());
  }
  return (name) => jar.get(name);
}

export async function readSession(runtime: Runtime, get: CookieGetter): Promise<SessionData | undefined> {
  const session = runtime.config.session;
  if (!session) return undefined;
  return unsealSession(chunkNames().map(get), session.password);
}

export async function readDevToken(runtime: Runtime, get: CookieGetter): Promise<string | undefined> {
  const session = runtime.config.session;
  if (!session || !runtime.config.devTokenInputEnabled) return undefined;
  return (await unsealValue<{ token: string }>(get(DEV_TOKEN_COOKIE), session.password))?.token;
}

/** The bearer from cookies: dev token first (while enabled), then the unexpired ID token. */
async function cookieCredential(runtime: Runtime, get: CookieGetter, now = Date.now()): Promise<Credential | undefined> {
  const devToken = await readDevToken(runtime, get);
  return credentialFrom(devToken, devToken ? undefined : await readSession(runtime, get), now);
}

/** The same choice over cookies already unsealed (pages read them for the account panel too). */
export function credentialFrom(devToken: string | undefined, session: SessionData | undefined, now = Date.now()): Credential | undefined {
  if (devToken) return { token: devToken, source: "dev-token" };
  if (session && session.expiresAt * 1000 > now) return { token: session.idToken, source: "session" };
  return undefined;
}

/** Route handlers: a present Authorization header wins (and a malformed one is a 401). */
export async function requestCredential(runtime: Runtime, request: Request): Promise<Credential | undefined> {
  const token = bearerFromHeader(request.headers.get("authorization"));
  if (token !== undefined) return { token, source: "header" };
  return cookieCredential(runtime, cookieGetter(request.headers.get("cookie")));
}
