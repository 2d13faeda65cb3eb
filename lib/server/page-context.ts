// Server components resolve their Viewer here, from the session cookie, through the same gate as
// the API routes (docs/auth.md §1). They never call the app's own HTTP API.

import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { authenticate, type Authentication } from "../auth/gate";
import { LOOP_BREAKER_COOKIE, type SessionData } from "../auth/session";
import type { Viewer } from "../auth/viewer";
import type { BrowseState } from "../browse/state";
import { UnauthorizedError } from "../errors";
import { credentialFrom, readDevToken, readSession } from "./credentials";
import { getRuntime, type Runtime } from "./runtime";
import { authMode, viewerFor } from "./viewer";

export interface PageContext {
  readonly runtime: Runtime;
  readonly state?: BrowseState;
  readonly viewer?: Viewer;
  readonly session?: SessionData;
  readonly hasDevToken: boolean;
  readonly sessionExpired: boolean;
  readonly mode: ReturnType<typeof authMode>;
  /** The current path and query, for `returnTo`. */
  readonly path: string;
  /** Set when the gate rejected the credential and the loop breaker stopped a redirect. */
  readonly unauthorized?: true;
}

/** Once per request: the layout and the page share it (React cache). */
export const pageContext = cache(async (): Promise<PageContext> => {
  const runtime = getRuntime();
  const jar = await cookies();
  const h = await headers();
  const get = (name: string) => jar.get(name)?.value;
  const [session, devToken] = await Promise.all([readSession(runtime, get), readDevToken(runtime, get)]);
  const hasDevToken = devToken !== undefined;
  const path = h.get("x-request-path") ?? "/";
  const base = { runtime, hasDevToken, path, sessionExpired: h.get("x-session-expired") === "1", mode: authMode(runtime), ...(session ? { session } : {}) };
  let auth: Authentication;
  try {
    auth = await authenticate(runtime.gate, credentialFrom(devToken, session));
  } catch (err) {
    if (!(err instanceof UnauthorizedError)) throw err;
    if (get(LOOP_BREAKER_COOKIE)) return { ...base, unauthorized: true };
    redirect(`/auth/login?reason=unauthorized&returnTo=${encodeURIComponent(path)}`);
  }
  const state = runtime.state;
  if (!state) return base;
  return { ...base, state, viewer: viewerFor(runtime, auth, state.index) };
});
