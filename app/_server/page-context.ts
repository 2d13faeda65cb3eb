// Server components resolve their Viewer here, from the session cookie, through the same gate as
// the API routes (docs/auth.md §1). They never call the app's own HTTP API.

import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { authenticate, type Authentication } from "@/lib/auth/gate";
import { LOOP_BREAKER_COOKIE, type SessionData } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import type { BrowseState } from "@/lib/browse/state";
import { UnauthorizedError, UnavailableError } from "@/lib/errors";
import { credentialFrom, readDevToken, readSession } from "@/lib/server/credentials";
import { getRuntime, type Runtime } from "@/lib/server/runtime";
import { authMode, viewerFor } from "@/lib/server/viewer";

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
  /** Why the page cannot show its content (pages render components/layout/page-state for it). */
  readonly problem?: "unauthorized" | "idp-unavailable";
  /** Which credential the gate rejected: a dev token is not fixed by signing in, only by clearing it. */
  readonly rejectedCredential?: "dev-token" | "session";
  /**
   * While the credential is rejected: the public view, for the shell only (namespaces, Who am I),
   * so the navigation stays; undefined when anonymous callers see nothing (AUTH_ANONYMOUS=none).
   */
  readonly shellViewer?: Viewer;
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
  const base = {
    runtime,
    hasDevToken,
    path,
    sessionExpired: h.get("x-session-expired") === "1",
    mode: authMode(runtime),
    ...(session ? { session } : {}),
  };
  const credential = credentialFrom(devToken, session);
  let auth: Authentication;
  try {
    auth = await authenticate(runtime.gate, credential);
  } catch (err) {
    if (err instanceof UnavailableError) return { ...base, problem: "idp-unavailable", ...(await shell(runtime)) };
    if (!(err instanceof UnauthorizedError)) throw err;
    // A rejected dev token outranks any session: signing in again cannot fix it, so explain at once.
    const rejected = credential?.source === "dev-token" ? "dev-token" : "session";
    if (rejected === "session" && !get(LOOP_BREAKER_COOKIE)) {
      redirect(`/auth/login?reason=unauthorized&returnTo=${encodeURIComponent(path)}`);
    }
    return {
      ...base,
      unauthorized: true,
      problem: "unauthorized",
      rejectedCredential: rejected,
      ...(await shell(runtime)),
    };
  }
  const state = runtime.state;
  if (!state) return base;
  return { ...base, state, viewer: viewerFor(runtime, auth, state.index) };
});

/** The anonymous view for the shell of a page whose credential failed. */
async function shell(runtime: Runtime): Promise<{ state?: BrowseState; shellViewer?: Viewer }> {
  const state = runtime.state;
  if (!state || runtime.config.authAnonymous === "none") return {};
  try {
    return { state, shellViewer: viewerFor(runtime, await authenticate(runtime.gate, undefined), state.index) };
  } catch {
    return {};
  }
}
