import { NextResponse } from "next/server";
import { OIDC_COOKIE, PENDING_TTL_MS, safeReturnTo, sealValue, unsealValue, type PendingSignIn } from "@/lib/auth/session";
import { cookieOptions, htmlPage, withNoStore } from "@/lib/server/auth-http";
import { oidc, oidcConfiguration, ProviderUnavailableError } from "@/lib/server/oidc-client";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

const MAX_PENDING = 5;

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
  const cookieHeader = request.headers.get("cookie") ?? "";
  const existing = /(?:^|;\s*)opendepot_oidc=([^;]+)/.exec(cookieHeader)?.[1];
  const pending = (await unsealValue<Record<string, PendingSignIn>>(existing, session.password)) ?? {};
  const kept = Object.entries(pending)
    .filter(([, p]) => now - p.createdAt < PENDING_TTL_MS)
    .sort(([, a], [, b]) => b.createdAt - a.createdAt)
    .slice(0, MAX_PENDING - 1);
  const next = Object.fromEntries([...kept, [state, { verifier, nonce, returnTo, createdAt: now }]]);

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
