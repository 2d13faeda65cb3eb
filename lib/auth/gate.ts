// The browse gate (docs/auth.md §3): credential → Viewer. Used by route handlers and server pages
// alike. Authentication (token verification) runs before the snapshot is needed; authorization
// (GroupBinding matching) runs against the index.

import type { AnonymousAccess } from "../config";
import { UnauthorizedError, UnavailableError } from "../errors";
import type { Logger } from "../log";
import type { GroupBinding } from "../registry/types";
import { compileExpression, evaluationBudget, ExpressionError, type CompiledExpression } from "./expression";
import type { IssuerKeys } from "./issuer-keys";
import { verifyToken, type OidcSettings } from "./token";
import { ALL_VIEWER, PUBLIC_VIEWER, bindingGrants, type BindingGrants, type Identity, type Viewer } from "./viewer";
import { bindingOrder } from "./visibility";

export type TokenSource = Identity["tokenSource"];

export interface GateOptions {
  readonly anonymous: AnonymousAccess;
  readonly oidc?: { readonly settings: OidcSettings; readonly keys: IssuerKeys };
  readonly audit: Logger;
}

export interface Credential {
  readonly token: string;
  readonly source: TokenSource;
}

/** An authenticated caller, or anonymous; `mode` decides what anonymous means. */
export type Authentication =
  | { readonly kind: "anonymous-all" }
  | { readonly kind: "anonymous" }
  | { readonly kind: "identity"; readonly identity: Identity };

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
      options.audit.warn("token not verified: issuer unavailable", {
        event: "token_unverifiable",
        source: credential.source,
      });
      throw new UnavailableError("identity provider unavailable");
    }
    options.audit.warn("token rejected", { event: "token_rejected", reason: result.reason, source: credential.source });
    throw new UnauthorizedError(true, result.reason);
  }
  if (result.clientCredentials) {
    options.audit.info("client-credentials token accepted", {
      event: "client_credentials_accepted",
      subject: result.subject,
    });
  }
  const { ok: _ok, clientCredentials: _cc, ...rest } = result;
  return { kind: "identity", identity: { ...rest, tokenSource: credential.source } };
}

// Compiled once per (binding name, expression text); a failed compile is remembered too, and
// reported once, when it first fails — not on every request it denies.
const compiled = new Map<string, CompiledExpression | ExpressionError>();

function compiledFor(b: GroupBinding, audit: Logger): CompiledExpression | ExpressionError {
  const key = `${b.metadata.name}\u0000${b.expression}`;
  let c = compiled.get(key);
  if (!c) {
    try {
      c = compileExpression(b.expression);
    } catch (err) {
      c =
        err instanceof ExpressionError
          ? err
          : new ExpressionError("ERR_EXPRESSION_SYNTAX", "expression could not be compiled", { cause: err });
      audit.warn(
        "GroupBinding expression does not compile; the binding never applies and viewers it would match see public resources",
        {
          event: "expression_invalid",
          binding: b.metadata.name,
          code: c.code,
          error: c.message,
        },
      );
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, c);
  }
  return c;
}

/** Tokens with more groups than this get the public view (OIDC_MAX_GROUPS); see authorize. */
export const DEFAULT_MAX_GROUPS = 1000;

const grantsCache = new WeakMap<GroupBinding, BindingGrants>();

/**
 * First matching binding in name order ⇒ scoped; no groups or no match ⇒ public; an expression
 * that fails to compile or evaluate stops the search (fail closed). So does a token with more
 * than `maxGroups` groups: reading only some of them could grant what a `not in` would deny.
 * All bindings of one request share one evaluation budget (expression.ts).
 */
export function authorize(
  auth: Authentication,
  bindings: readonly GroupBinding[],
  audit: Logger,
  maxGroups = DEFAULT_MAX_GROUPS,
): Viewer {
  if (auth.kind === "anonymous-all") return ALL_VIEWER;
  if (auth.kind === "anonymous") return PUBLIC_VIEWER;
  const { identity } = auth;
  if (identity.groups.length === 0) return { kind: "public", identity };
  if (identity.groups.length > maxGroups) {
    audit.warn("token carries too many groups; no binding applies", {
      event: "too_many_groups",
      subject: identity.subject,
      groups: identity.groups.length,
      limit: maxGroups,
    });
    return { kind: "public", identity };
  }
  const budget = { left: evaluationBudget(identity.groups.length) };
  for (const b of bindingOrder(bindings)) {
    const fn = compiledFor(b, audit);
    if (fn instanceof ExpressionError) return { kind: "public", identity };
    let matched: boolean;
    try {
      matched = fn(identity.groups, budget);
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
