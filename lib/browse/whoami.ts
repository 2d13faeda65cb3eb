// GET /opendepot/ui/v1/whoami (docs/browse-api.md §6.9): explains the Viewer; never includes the token.

import type { Viewer } from "../auth/viewer";
import { isoSeconds } from "./graph";

export type AuthMode = "anonymous-all" | "public" | "oidc";

export interface WhoamiResponse {
  authenticated: boolean;
  mode: AuthMode;
  subject?: string;
  name?: string;
  email?: string;
  groups?: string[];
  binding?: { name: string; namespace: string; moduleResources: string[]; providerResources: string[] };
  allAccess: boolean;
  tokenSource?: "header" | "session" | "dev-token";
  expiresAt?: string;
}

export function whoami(viewer: Viewer, mode: AuthMode): WhoamiResponse {
  const id = viewer.identity;
  return {
    authenticated: id !== undefined,
    mode,
    ...(id ? { subject: id.subject } : {}),
    ...(id?.name !== undefined ? { name: id.name } : {}),
    ...(id?.email !== undefined ? { email: id.email } : {}),
    ...(id ? { groups: [...id.groups] } : {}),
    ...(viewer.kind === "scoped"
      ? {
          binding: {
            name: viewer.binding.name,
            namespace: viewer.binding.namespace,
            moduleResources: [...viewer.binding.moduleResources],
            providerResources: [...viewer.binding.providerResources],
          },
        }
      : {}),
    allAccess: viewer.kind === "all",
    ...(id ? { tokenSource: id.tokenSource, expiresAt: isoSeconds(id.expiresAt * 1000) } : {}),
  };
}
