// Resolves the Viewer of a request through the gate (auth.md §1): the Authorization header, or
// when it is absent the session cookie (added with browser sign-in).

import { authenticate, authorize, bearerFromHeader, type Authentication, type Credential } from "../auth/gate";
import type { Viewer } from "../auth/viewer";
import type { AuthMode } from "../browse/whoami";
import type { RegistryIndex } from "../registry/index/types";
import type { Runtime } from "./runtime";

export function authMode(runtime: Runtime): AuthMode {
  if (runtime.config.authAnonymous === "all") return "anonymous-all";
  return runtime.config.oidc ? "oidc" : "public";
}

export function requestCredential(request: Request): Credential | undefined {
  const token = bearerFromHeader(request.headers.get("authorization"));
  return token !== undefined ? { token, source: "header" } : undefined;
}

export function authenticateRequest(runtime: Runtime, request: Request): Promise<Authentication> {
  return authenticate(runtime.gate, requestCredential(request));
}

export function viewerFor(runtime: Runtime, auth: Authentication, index: RegistryIndex): Viewer {
  return authorize(auth, index.groupBindings, runtime.logger);
}
