import { NextResponse } from "next/server";
import { pendingValue, readPending, withNewSignIn } from "@/lib/auth/pending-sign-in";
import { OIDC_COOKIE, PENDING_TTL_MS, safeReturnTo, sealValue, unsealValue } from "@/lib/auth/session";
import { cookieOptions, htmlPage, withNoStore } from "@/lib/server/auth-http";
import { cookieGetter } from "@/lib/server/credentials";
import { oidc, oidcConfiguration, ProviderUnavailableError } from "@/lib/server/oidc-client";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const runtime = getRuntime();
  const { oidc: oidcConfig, session } = runtime.config;
  if (!oidcConfig || !session) {
    return htmlPage(503, "Sign-in is not configured", ["This registry explorer has no identity provider configured (OIDC_ISSUER_URL)."], { href: "/", text: "Back to the registry" });
  }
  let config: oidc.Configuration;
  try {
    config = await oidcConfiguration(oidcConfig);
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err;
    runtime.logger.warn("sign-in: identity provider unreachable", { event: "sign_in_unavailable", err: err.message });
    return htmlPage(503, "Sign-in is unavailable", ["The identity provider cannot be reached right now. Try again in a moment."], { href: "/", text: "Back to the registry" });
  }
  const url = new URL(request.url);
  const returnTo = safeReturnTo(url.searchParams.get("returnTo"), session.publicBaseUrl);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = Date.now();

  // Keyed by state, so sign-ins started in several tabs do not clobber each other.
  const existing = cookieGetter(request.headers.get("cookie"))(OIDC_COOKIE);
  const pending = readPending(await unsealValue<unknown>(existing, session.password), now);
  const next = pendingValue(withNewSignIn(pending, state, { verifier, nonce, returnTo, createdAt: now }));

  const authUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: new URL("/auth/callback", session.publicBaseUrl).toString(),
    scope: oidcConfig.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const res = withNoStore(NextResponse.redirect(authUrl, 302));
  res.cookies.set(OIDC_COOKIE, await sealValue(next, session.password, PENDING_TTL_MS / 1000), cookieOptions(runtime, PENDING_TTL_MS / 1000));
  return res;
}
