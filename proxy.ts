// Runs before every request (docs/auth.md §4, §5): a request id, a per-request CSP nonce and the
// security headers; drops an expired session (server components cannot touch cookies); sets the
// 401 loop breaker; passes the request path to pages (for returnTo).

import { NextResponse, type NextRequest } from "next/server";
import { chunkNames, SESSION_COOKIE } from "./lib/auth/session";
import {
  clearSession,
  cookieSettingsFor,
  readSession,
  setLoopBreaker,
  type CookieJar,
  type CookieOptions,
} from "./lib/auth/session-cookies";
import { loadConfig, sessionConfig } from "./lib/config";

export async function proxy(request: NextRequest) {
  const config = loadConfig();
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  const nonce = btoa(crypto.randomUUID());
  const https = config.publicBaseUrl?.protocol === "https:";
  const dev = config.development;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `form-action 'self' ${config.oidc ? new URL(config.oidc.issuer).origin : ""}`.trim(),
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join("; ");

  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("x-nonce", nonce);
  // Next reads the nonce from this request header and puts it on its own scripts.
  headers.set("content-security-policy", csp);
  headers.set("x-request-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);

  // Cookies go through session-cookies.ts like everywhere else; they are set on the response below.
  const settings = cookieSettingsFor(sessionConfig(config));
  const outgoing: [string, string, CookieOptions][] = [];
  const jar: CookieJar = {
    get: (name) => request.cookies.get(name)?.value,
    set: (...cookie) => void outgoing.push(cookie),
  };

  // An expired (or unreadable) session is dropped here; the page then renders as anonymous.
  if (settings && request.cookies.has(SESSION_COOKIE)) {
    const session = await readSession(jar, settings);
    if (!session || session.expiresAt * 1000 <= Date.now()) {
      clearSession(jar, settings);
      for (const n of chunkNames()) request.cookies.delete(n);
      headers.set("cookie", request.cookies.toString());
      headers.set("x-session-expired", "1");
    }
  }
  const path = request.nextUrl.pathname;
  if (settings && path === "/auth/login" && request.nextUrl.searchParams.get("reason") === "unauthorized")
    setLoopBreaker(jar, settings);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("X-Request-Id", requestId);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  if (!path.startsWith("/_next/") && !path.startsWith("/healthz") && !path.startsWith("/readyz")) {
    response.headers.set("Cache-Control", "private, no-store");
  }
  for (const [name, value, options] of outgoing) response.cookies.set(name, value, options);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
