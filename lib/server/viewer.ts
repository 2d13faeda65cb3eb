// Resolves the Viewer of a request through the gate (docs/auth.md §1): the Authorization header, or
// when it is absent the session cookie (added with browser sign-in).

import "server-only";
import { authenticate, authorize, type Authentication } from "../auth/gate";
import type { Viewer } from "../auth/viewer";
import type { AuthMode } from "../browse/whoami";
import type { RegistryIndex } from "../registry/index/types";
import { requestCredential } from "./credentials";
import type { Runtime } from "./runtime";

export function authMode(runtime: Runtime): AuthMode {
  if (runtime.config.authAnonymous === "all") return "anonymous-all";
  return runtime.config.oidc ? "oidc" : "public";
}

export async function authenticateRequest(runtime: Runtime, request: Request): Promise<Authentication> {
  return authenticate(runtime.gate, await requestCredential(runtime, request));
}

export function viewerFor(runtime: Runtime, auth: Authentication, index: RegistryIndex): Viewer {
  return authorize(auth, index.groupBindings, runtime.logger, runtime.config.oidc?.maxGroups);
}
