// Browser sign-in with openid-client (docs/auth.md §4): start (authorization code + PKCE, state and
// nonce kept per tab), finish (code exchange, ID token checks, the session) and sign-out. Each
// flow returns a tagged outcome; signInResponse turns outcomes into responses in one place.

import "server-only";
import { withNewSignIn } from "../auth/pending-sign-in";
import { authErrorCode, safeReturnTo, SessionTooLargeError } from "../auth/session";
import {
  clearDevToken,
  clearSession,
  readPendingSignIns,
  readSession,
  writePendingSignIns,
  writeSession,
  type CookieJar,
} from "../auth/session-cookies";
import { sessionConfig } from "../config";
import { cookieSettings, htmlPage, redirect } from "./auth-http";
import { oidc, oidcConfiguration, ProviderUnavailableError } from "./oidc-client";
import type { Runtime } from "./runtime";

export type SignInOutcome =
  | { readonly kind: "not-configured" }
  | { readonly kind: "unavailable" }
  | { readonly kind: "redirect"; readonly to: URL | string; readonly status: 302 | 303 }
  | { readonly kind: "no-matching-sign-in" }
  | { readonly kind: "not-verified" }
  | { readonly kind: "token-too-large" }
  | { readonly kind: "failed" };

/**
 * Why a code exchange failed, from openid-client's error codes (never its messages): the provider
 * could not be reached or answered 5xx, its answer did not verify, or we called it wrongly.
 */
export function classifyExchangeError(err: unknown): "unavailable" | "not-verified" | "failed" {
  if (!(err instanceof Error)) return "failed";
  const code = (err as { code?: unknown }).code;
  const status = (err as { status?: unknown }).status;
  if (err.name === "TimeoutError" || err.name === "AbortError") return "unavailable";
  // Argument misuse: a CodedTypeError with ERR_INVALID_ARG_*. A bug on our side, not the network.
  if (typeof code === "string" && code.startsWith("ERR_INVALID_ARG")) return "failed";
  // fetch() rejects with a TypeError carrying the socket error as its cause.
  if (err instanceof TypeError) return "unavailable";
  if (typeof status === "number" && status >= 500) return "unavailable";
  if (typeof code === "string" && code.startsWith("OAUTH_")) return "not-verified";
  return "failed";
}

export async function startSignIn(
  runtime: Runtime,
  jar: CookieJar,
  returnToParam: string | null,
): Promise<SignInOutcome> {
  const { oidc: oidcConfig } = runtime.config;
  const session = sessionConfig(runtime.config);
  const settings = cookieSettings(runtime);
  if (!oidcConfig || !session || !settings) return { kind: "not-configured" };
  let config: oidc.Configuration;
  try {
    config = await oidcConfiguration(oidcConfig);
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err;
    runtime.logger.warn("sign-in: identity provider unreachable", { event: "sign_in_unavailable", err });
    return { kind: "unavailable" };
  }
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = Date.now();
  const returnTo = safeReturnTo(returnToParam, session.publicBaseUrl);
  // Keyed by state, so sign-ins started in several tabs do not clobber each other.
  const pending = await readPendingSignIns(jar, settings, now);
  await writePendingSignIns(
    jar,
    settings,
    withNewSignIn(pending, state, { verifier, nonce, returnTo, createdAt: now }),
  );
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: new URL("/auth/callback", session.publicBaseUrl).toString(),
    scope: oidcConfig.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { kind: "redirect", to: url, status: 302 };
}

export async function finishSignIn(runtime: Runtime, jar: CookieJar, callbackUrl: URL): Promise<SignInOutcome> {
  const { oidc: oidcConfig } = runtime.config;
  const session = sessionConfig(runtime.config);
  const settings = cookieSettings(runtime);
  if (!oidcConfig || !session || !settings) return { kind: "not-configured" };
  const params = callbackUrl.searchParams;
  const pending = await readPendingSignIns(jar, settings, Date.now());
  const state = params.get("state");
  const entry = state !== null ? pending.get(state) : undefined;
  // Only the sign-in this callback answers is forgotten; other tabs keep theirs.
  if (state !== null) pending.delete(state);
  await writePendingSignIns(jar, settings, pending);

  if (params.has("error")) {
    const code = authErrorCode(params.get("error"));
    runtime.logger.info("sign-in failed at the identity provider", { event: "sign_in_failed", error: code });
    return {
      kind: "redirect",
      to: new URL(`/?auth_error=${encodeURIComponent(code)}`, session.publicBaseUrl),
      status: 303,
    };
  }
  if (!params.get("code") || !state || !entry) return { kind: "no-matching-sign-in" };

  let config: oidc.Configuration;
  try {
    config = await oidcConfiguration(oidcConfig);
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err;
    return { kind: "unavailable" };
  }
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    // The public base URL, not the request's Host: it is the redirect_uri the provider knows.
    tokens = await oidc.authorizationCodeGrant(
      config,
      new URL(`/auth/callback${callbackUrl.search}`, session.publicBaseUrl),
      {
        pkceCodeVerifier: entry.verifier,
        expectedState: state,
        expectedNonce: entry.nonce,
        idTokenExpected: true,
      },
    );
  } catch (err) {
    const kind = classifyExchangeError(err);
    runtime.logger.warn("sign-in: code exchange failed", { event: "sign_in_failed", outcome: kind, err });
    return { kind };
  }
  const claims = tokens.claims()!;
  const name =
    typeof claims.name === "string"
      ? claims.name
      : typeof claims.preferred_username === "string"
        ? claims.preferred_username
        : undefined;
  const email = typeof claims.email === "string" ? claims.email : undefined;
  const ttl = Math.max(60, claims.exp - Math.floor(Date.now() / 1000));
  try {
    await writeSession(
      jar,
      settings,
      { idToken: tokens.id_token!, expiresAt: claims.exp, ...(name ? { name } : {}), ...(email ? { email } : {}) },
      ttl,
    );
  } catch (err) {
    if (!(err instanceof SessionTooLargeError)) throw err;
    runtime.logger.warn("sign-in: ID token too large for the session cookies", {
      event: "sign_in_failed",
      subject: claims.sub,
      reason: "token too large",
    });
    return { kind: "token-too-large" };
  }
  // A fresh sign-in replaces any pasted dev token.
  clearDevToken(jar, settings);
  runtime.logger.info("signed in", { event: "sign_in", subject: claims.sub });
  return { kind: "redirect", to: new URL(entry.returnTo, session.publicBaseUrl), status: 303 };
}

/** Ends the local session and, when the provider supports it, the provider's (RP-initiated logout). */
export async function signOut(runtime: Runtime, jar: CookieJar): Promise<SignInOutcome> {
  const { oidc: oidcConfig } = runtime.config;
  const session = sessionConfig(runtime.config);
  const settings = cookieSettings(runtime);
  if (!session || !settings) return { kind: "not-configured" };
  const current = await readSession(jar, settings);
  const home = new URL("/", session.publicBaseUrl);
  let to: URL = home;
  if (oidcConfig && current) {
    try {
      const config = await oidcConfiguration(oidcConfig);
      if (config.serverMetadata().end_session_endpoint) {
        to = oidc.buildEndSessionUrl(config, {
          id_token_hint: current.idToken,
          post_logout_redirect_uri: home.toString(),
        });
      }
    } catch {
      // Provider unreachable: the local session still ends.
    }
  }
  clearSession(jar, settings);
  runtime.logger.info("signed out", { event: "sign_out" });
  return { kind: "redirect", to, status: 303 };
}

const SIGN_IN_AGAIN = { href: "/auth/login", text: "Sign in again" };
const UNAVAILABLE = ["The identity provider cannot be reached right now. Try again in a moment."];

/** The one place sign-in outcomes become responses. */
export function signInResponse(outcome: SignInOutcome): Response {
  switch (outcome.kind) {
    case "redirect":
      return redirect(outcome.to, outcome.status);
    case "not-configured":
      return htmlPage(
        503,
        "Sign-in is not configured",
        ["This registry explorer has no identity provider configured (OIDC_ISSUER_URL)."],
        { href: "/", text: "Back to the registry" },
      );
    case "unavailable":
      return htmlPage(503, "Sign-in is unavailable", UNAVAILABLE, SIGN_IN_AGAIN);
    case "no-matching-sign-in":
      return htmlPage(
        400,
        "Sign-in could not be completed",
        [
          "The sign-in response did not match a sign-in started here (it may have expired, or been opened in another browser).",
        ],
        SIGN_IN_AGAIN,
      );
    case "not-verified":
      return htmlPage(
        400,
        "Sign-in could not be completed",
        ["The identity provider's answer could not be verified."],
        SIGN_IN_AGAIN,
      );
    case "token-too-large":
      return htmlPage(413, "Your sign-in token is too large", [
        "The identity provider issued an ID token too large to keep in the browser's session cookies (most often because of a very long list of groups).",
        "Ask your administrator to trim the groups included in the token, or to use a groups filter in the identity provider.",
      ]);
    case "failed":
      return htmlPage(
        500,
        "Sign-in failed",
        [
          "Something went wrong on our side while completing the sign-in. Try again; if it keeps happening, tell your administrator.",
        ],
        SIGN_IN_AGAIN,
      );
  }
}
