// The browse gate (auth.md §3): credential → Viewer. Used by route handlers and server pages
// alike. Authentication (token verification) runs before the snapshot is needed; authorization
// (GroupBinding matching) runs against the index.

import { UnauthorizedError, UnavailableError } from "../errors";
import type { Logger } from "../log";
import type { GroupBinding } from "../registry/types";
import { compileExpression, ExpressionError, type CompiledExpression } from "./expression";
import type { IssuerKeys } from "./issuer-keys";
import { verifyToken, type OidcSettings } from "./token";
import { ALL_VIEWER, PUBLIC_VIEWER, bindingGrants, type BindingGrants, type Identity, type Viewer } from "./viewer";

export type AnonymousMode = "public" | "all" | "none";
export type TokenSource = Identity["tokenSource"];

export interface GateOptions {
  readonly anonymous: AnonymousMode;
  readonly oidc?: { readonly settings: OidcSettings; readonly keys: IssuerKeys };
  readonly audit: Logger;
}

export interface Credential {
  readonly token: string;
  readonly source: TokenSource;
}

/** An authenticated caller, or anonymous; `mode` decides what anonymous means. */
export type Authentication = { readonly kind: "anonymous-all" } | { readonly kind: "anonymous" } | { readonly kind: "identity"; readonly identity: Identity };

/**
 * Reads `Authorization`: absent ⇒ undefined; `Bearer <token>` (scheme case-insensitive, one
 * space, non-empty) ⇒ the token; anything else ⇒ 401, never a fallback to the cookie.
 */
export function bearerFromHeader(header: string | null): string | undefined {
  if (header === null) return undefined;
  const m = /^Bearer ([^\s]+)$/i.exec(header);
  if (!m) throw new UnauthorizedError(true, "malformed Authorization header");
  return m[1];
}

export async function authenticate(options: GateOptions, credential: Credential | undefined): Promise<Authentication> {
  if (options.anonymous === "all") return { kind: "anonymous-all" };
  // Without OIDC a presented token is ignored: no Kubernetes RBAC is evaluated for browse.
  if (!options.oidc) return { kind: "anonymous" };
  if (!credential) {
    if (options.anonymous === "none") throw new UnauthorizedError(false, "no credential");
    return { kind: "anonymous" };
  }
  const result = await verifyToken(credential.token, options.oidc.keys, options.oidc.settings);
  if (!result.ok) {
    if (result.unavailable) {
      options.audit.warn("token not verified: issuer unavailable", { event: "token_unverifiable", source: credential.source });
      throw new UnavailableError("identity provider unavailable");
    }
    options.audit.warn("token rejected", { event: "token_rejected", reason: result.reason, source: credential.source });
    throw new UnauthorizedError(true, result.reason);
  }
  if (result.clientCredentials) {
    options.audit.info("client-credentials token accepted", { event: "client_credentials_accepted", subject: result.subject });
  }
  const { ok: _ok, clientCredentials: _cc, ...rest } = result;
  return { kind: "identity", identity: { ...rest, tokenSource: credential.source } };
}

// Compiled once per (binding name, expression text); a failed compile is remembered too.
const compiled = new Map<string, CompiledExpression | ExpressionError>();

function compiledFor(b: GroupBinding): CompiledExpression | ExpressionError {
  const key = `${b.metadata.name}\u0000${b.expression}`;
  let c = compiled.get(key);
  if (!c) {
    try {
      c = compileExpression(b.expression);
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      c = err;
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, c);
  }
  return c;
}

const grantsCache = new WeakMap<GroupBinding, BindingGrants>();

/**
 * First matching binding in name order ⇒ scoped; no groups or no match ⇒ public; an expression
 * that fails to compile or evaluate stops the search (fail closed).
 */
export function authorize(auth: Authentication, bindings: readonly GroupBinding[], audit: Logger): Viewer {
  if (auth.kind === "anonymous-all") return ALL_VIEWER;
  if (auth.kind === "anonymous") return PUBLIC_VIEWER;
  const { identity } = auth;
  if (identity.groups.length === 0) return { kind: "public", identity };
  for (const b of bindings) {
    const fn = compiledFor(b);
    let matched: boolean;
    try {
      if (fn instanceof ExpressionError) throw fn;
      matched = fn(identity.groups);
    } catch (err) {
      audit.warn("GroupBinding expression error; no binding applies", {
        event: "expression_error",
        binding: b.metadata.name,
        error: (err as Error).message,
      });
      return { kind: "public", identity };
    }
    if (matched) {
      audit.info("binding matched", { event: "binding_matched", subject: identity.subject, binding: b.metadata.name });
      let grants = grantsCache.get(b);
      if (!grants) grantsCache.set(b, (grants = bindingGrants(b)));
      return { kind: "scoped", identity, binding: grants };
    }
  }
  audit.info("no binding matched", { event: "no_binding_matched", subject: identity.subject, groups: identity.groups });
  return { kind: "public", identity };
}
