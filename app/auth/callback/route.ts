import { NextResponse } from "next/server";
import { pendingValue, readPending } from "@/lib/auth/pending-sign-in";
import { authErrorCode, chunkNames, DEV_TOKEN_COOKIE, OIDC_COOKIE, PENDING_TTL_MS, sealSession, sealValue, SessionTooLargeError, unsealValue } from "@/lib/auth/session";
import { clearCookie, cookieOptions, htmlPage, withNoStore } from "@/lib/server/auth-http";
import { cookieGetter } from "@/lib/server/credentials";
import { oidc, oidcConfiguration, ProviderUnavailableError } from "@/lib/server/oidc-client";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

const signInAgain = { href: "/auth/login", text: "Sign in again" };

export async function GET(request: Request) {
  const runtime = getRuntime();
  const { oidc: oidcConfig, session } = runtime.config;
  if (!oidcConfig || !session) {
    return htmlPage(503, "Sign-in is not configured", ["This registry explorer has no identity provider configured (OIDC_ISSUER_URL)."], { href: "/", text: "Back to the registry" });
  }
  const url = new URL(request.url);
  const params = url.searchParams;
  const get = cookieGetter(request.headers.get("cookie"));
  const pending = readPending(await unsealValue<unknown>(get(OIDC_COOKIE), session.password), Date.now());
  const state = params.get("state");
  const entry = state !== null ? pending.get(state) : undefined;

  // Only the sign-in attempt this callback answers is forgotten; other tabs keep theirs.
  if (state !== null) pending.delete(state);
  const finish = async (res: NextResponse) => {
    if (pending.size > 0) res.cookies.set(OIDC_COOKIE, await sealValue(pendingValue(pending), session.password, PENDING_TTL_MS / 1000), cookieOptions(runtime, PENDING_TTL_MS / 1000));
    else clearCookie(res, runtime, OIDC_COOKIE);
    return res;
  };

  if (params.has("error")) {
    const code = authErrorCode(params.get("error"));
    runtime.logger.info("sign-in failed at the identity provider", { event: "sign_in_failed", error: code });
    return finish(withNoStore(NextResponse.redirect(new URL(`/?auth_error=${encodeURIComponent(code)}`, session.publicBaseUrl), 303)));
  }
  if (!params.get("code") || !state || !entry) {
    return finish(htmlPage(400, "Sign-in could not be completed", ["The sign-in response did not match a sign-in started here (it may have expired, or been opened in another browser)."], signInAgain));
  }

  let config: oidc.Configuration;
  try {
    config = await oidcConfiguration(oidcConfig);
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err;
    return htmlPage(503, "Sign-in is unavailable", ["The identity provider cannot be reached right now. Try again in a moment."], signInAgain);
  }

  let idToken: string;
  let claims: oidc.IDToken;
  try {
    // The public base URL, not the request's Host: it is the redirect_uri the provider knows.
    const currentUrl = new URL(`/auth/callback${url.search}`, session.publicBaseUrl);
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: entry.verifier,
      expectedState: state,
      expectedNonce: entry.nonce,
      idTokenExpected: true,
    });
    idToken = tokens.id_token!;
    claims = tokens.claims()!;
  } catch (err) {
    const unreachable = err instanceof TypeError || (err as { code?: string }).code === "OAUTH_TIMEOUT";
    runtime.logger.warn("sign-in: code exchange failed", { event: "sign_in_failed", reason: (err as Error).name, unreachable });
    if (unreachable) return htmlPage(503, "Sign-in is unavailable", ["The identity provider cannot be reached right now. Try again in a moment."], signInAgain);
    return finish(htmlPage(400, "Sign-in could not be completed", ["The identity provider's answer could not be verified."], signInAgain));
  }

  const name = typeof claims.name === "string" ? claims.name : typeof claims.preferred_username === "string" ? claims.preferred_username : undefined;
  const email = typeof claims.email === "string" ? claims.email : undefined;
  const ttl = Math.max(60, claims.exp - Math.floor(Date.now() / 1000));
  let chunks: string[];
  try {
    chunks = await sealSession({ idToken, expiresAt: claims.exp, ...(name ? { name } : {}), ...(email ? { email } : {}) }, session.password, ttl);
  } catch (err) {
    if (!(err instanceof SessionTooLargeError)) throw err;
    runtime.logger.warn("sign-in: ID token too large for the session cookies", { event: "sign_in_failed", subject: claims.sub, reason: "token too large" });
    return finish(
      htmlPage(413, "Your sign-in token is too large", [
        "The identity provider issued an ID token too large to keep in the browser's session cookies (most often because of a very long list of groups).",
        "Ask your administrator to trim the groups included in the token, or to use a groups filter in the identity provider.",
      ]),
    );
  }
  const res = withNoStore(NextResponse.redirect(new URL(entry.returnTo, session.publicBaseUrl), 303));
  chunkNames().forEach((cookie, i) => {
    if (chunks[i] !== undefined) res.cookies.set(cookie, chunks[i]!, cookieOptions(runtime, ttl));
    else clearCookie(res, runtime, cookie);
  });
  // A fresh sign-in replaces any pasted dev token.
  clearCookie(res, runtime, DEV_TOKEN_COOKIE);
  runtime.logger.info("signed in", { event: "sign_in", subject: claims.sub });
  return finish(res);
}
