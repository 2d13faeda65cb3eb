// Where a request's bearer comes from (docs/auth.md §1, §4): the Authorization header; when it is
// absent, the dev token cookie (only while enabled), then the session's unexpired ID token.

import "server-only";
import { bearerFromHeader, type Credential } from "../auth/gate";
import type { SessionData } from "../auth/session";
import * as cookies from "../auth/session-cookies";
import { cookieSettings, RequestCookies } from "./auth-http";
import type { Runtime } from "./runtime";

export type CookieGetter = (name: string) => string | undefined;

/** Reading only: pages pass their framework's cookie getter. */
const reader = (get: CookieGetter): cookies.CookieJar => ({
  get,
  set: () => {
    throw new TypeError("cookies cannot be written while reading credentials");
  },
});

export async function readSession(runtime: Runtime, get: CookieGetter): Promise<SessionData | undefined> {
  const settings = cookieSettings(runtime);
  return settings ? cookies.readSession(reader(get), settings) : undefined;
}

export async function readDevToken(runtime: Runtime, get: CookieGetter): Promise<string | undefined> {
  const settings = cookieSettings(runtime);
  if (!settings || !runtime.config.devTokenInputEnabled) return undefined;
  return cookies.readDevToken(reader(get), settings);
}

/** The bearer from cookies: dev token first (while enabled), then the unexpired ID token. */
async function cookieCredential(
  runtime: Runtime,
  get: CookieGetter,
  now = Date.now(),
): Promise<Credential | undefined> {
  const devToken = await readDevToken(runtime, get);
  return credentialFrom(devToken, devToken ? undefined : await readSession(runtime, get), now);
}

/** The same choice over cookies already unsealed (pages read them for the account panel too). */
export function credentialFrom(
  devToken: string | undefined,
  session: SessionData | undefined,
  now = Date.now(),
): Credential | undefined {
  if (devToken) return { token: devToken, source: "dev-token" };
  if (session && session.expiresAt * 1000 > now) return { token: session.idToken, source: "session" };
  return undefined;
}

/** Route handlers: a present Authorization header wins (and a malformed one is a 401). */
export async function requestCredential(runtime: Runtime, request: Request): Promise<Credential | undefined> {
  const token = bearerFromHeader(request.headers.get("authorization"));
  if (token !== undefined) return { token, source: "header" };
  const jar = new RequestCookies(request.headers.get("cookie"));
  return cookieCredential(runtime, (name) => jar.get(name));
}
