import { NextResponse } from "next/server";
import { clearSessionCookies, forbidden, htmlPage, sameOrigin, withNoStore } from "@/lib/server/auth-http";
import { cookieGetter, readSession } from "@/lib/server/credentials";
import { oidc, oidcConfiguration } from "@/lib/server/oidc-client";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/** A GET never signs out (no logout by cross-site link): it shows a form that posts. */
export function GET() {
  return htmlPage(200, "Sign out", ["Sign out of the registry explorer?"], { href: "/", text: "Cancel" }, '<form method="post" action="/auth/logout"><button type="submit">Sign out</button></form>');
}

export async function POST(request: Request) {
  const runtime = getRuntime();
  const { session, oidc: oidcConfig } = runtime.config;
  if (!session) return forbidden("sign-in is not configured");
  if (!sameOrigin(runtime, request)) return forbidden("cross-origin request refused");
  const current = await readSession(runtime, cookieGetter(request.headers.get("cookie")));
  let target = new URL("/", session.publicBaseUrl);
  if (oidcConfig && current) {
    try {
      const config = await oidcConfiguration(oidcConfig);
      if (config.serverMetadata().end_session_endpoint) {
        target = oidc.buildEndSessionUrl(config, { id_token_hint: current.idToken, post_logout_redirect_uri: new URL("/", session.publicBaseUrl).toString() });
      }
    } catch {
      // Provider unreachable: the local session still ends.
    }
  }
  const res = withNoStore(NextResponse.redirect(target, 303));
  clearSessionCookies(res, runtime);
  runtime.logger.info("signed out", { event: "sign_out" });
  return res;
}
