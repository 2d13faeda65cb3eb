// Resolves the Viewer of a request. Without OIDC a presented token is ignored (auth.md §3 step 2).

import { ALL_VIEWER, PUBLIC_VIEWER, type Viewer } from "../auth/viewer";
import type { AuthMode } from "../browse/whoami";
import type { Runtime } from "./runtime";

export function authMode(runtime: Runtime): AuthMode {
  return runtime.config.authAnonymous === "all" ? "anonymous-all" : "public";
}

export async function resolveRequestViewer(runtime: Runtime, _request: Request): Promise<Viewer> {
  return runtime.config.authAnonymous === "all" ? ALL_VIEWER : PUBLIC_VIEWER;
}
