// Shared pieces of the /auth/* route handlers: the request's cookies as a CookieJar, same-origin
// checks, and the small HTML pages they answer with (no scripts, so they work under the strict
// CSP). Plain Fetch API Responses: nothing here depends on Next.js.

import "server-only";
import { parse, serialize } from "cookie";
import type { CookieJar, CookieOptions, CookieSettings } from "../auth/session-cookies";
import { safeReturnTo } from "../auth/session";
import { ownValue } from "../own";
import { NO_STORE_HEADERS } from "./http";
import type { Runtime } from "./runtime";

/** The cookie settings of the sessions, when sign-in or the dev token is configured. */
export function cookieSettings(runtime: Runtime): CookieSettings | undefined {
  const session = runtime.config.session;
  return session ? { password: session.password, secure: session.publicBaseUrl.protocol === "https:" } : undefined;
}

/** The request's cookies (cookie's parser), and the Set-Cookie lines its response will carry. */
export class RequestCookies implements CookieJar {
  private readonly incoming: Record<string, string | undefined>;
  private readonly outgoing = new Map<string, string>();

  constructor(cookieHeader: string | null) {
    this.incoming = parse(cookieHeader ?? "");
  }

  get(name: string): string | undefined {
    return ownValue(this.incoming, name);
  }

  set(name: string, value: string, options: CookieOptions): void {
    this.outgoing.set(name, serialize(name, value, options));
  }

  /** Adds the cookies set so far to a response (the last value per name wins). */
  applyTo<T extends Response>(res: T): T {
    for (const line of this.outgoing.values()) res.headers.append("Set-Cookie", line);
    return res;
  }
}

export function redirect(url: URL | string, status: 302 | 303): Response {
  return withNoStore(new Response(null, { status, headers: { Location: url.toString() } }));
}

export function withNoStore<T extends Response>(res: T): T {
  for (const [k, v] of Object.entries(NO_STORE_HEADERS)) res.headers.set(k, v);
  return res;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function htmlPage(status: number, title: string, paragraphs: string[], link?: { href: string; text: string }, form?: string): Response {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · OpenDepot Registry Explorer</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#0f172a;background:#fff}@media (prefers-color-scheme:dark){body{color:#e2e8f0;background:#020617}a{color:#93c5fd}}button{font:inherit;padding:.4rem 1rem}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}${form ?? ""}${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : ""}</main></body></html>`;
  return withNoStore(new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8" } }));
}

export function jsonError(status: number, code: string, message: string): Response {
  return withNoStore(Response.json({ error: { code, message } }, { status }));
}

/** POSTs that change the session need an Origin (or, failing that, Referer) equal to the app's. */
export function sameOrigin(runtime: Runtime, request: Request): boolean {
  const base = runtime.config.session?.publicBaseUrl;
  if (!base) return false;
  const origin = request.headers.get("origin");
  if (origin !== null) return origin === base.origin;
  const referer = request.headers.get("referer");
  if (!referer) return false;
  try {
    return new URL(referer).origin === base.origin;
  } catch {
    return false;
  }
}

/** Where to send the browser back to: the same-origin page it came from, else `/`. Never throws. */
export function backToReferer(request: Request, base: URL): URL {
  const referer = request.headers.get("referer");
  if (referer === null) return new URL("/", base);
  let url: URL;
  try {
    url = new URL(referer, base);
  } catch {
    return new URL("/", base); // a malformed Referer is a client's problem, never a 500
  }
  if (url.origin !== base.origin) return new URL("/", base);
  return new URL(safeReturnTo(`${url.pathname}${url.search}`, base), base);
}

export function forbidden(message: string): Response {
  return jsonError(403, "forbidden", message);
}

