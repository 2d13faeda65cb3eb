// Shared pieces of the /auth/* route handlers: the request's cookies as a CookieJar, same-origin
// checks, and the small HTML pages they answer with (no scripts, so they work under the strict
// CSP). Plain Fetch API Responses: nothing here depends on Next.js.

import "server-only";
import { parse, serialize } from "cookie";
import { sessionConfig } from "../config";
import { cookieSettingsFor, type CookieJar, type CookieOptions, type CookieSettings } from "../auth/session-cookies";
import { safeReturnTo } from "../auth/session";
import { ownValue } from "../own";
import { NO_STORE_HEADERS } from "./http";
import type { Runtime } from "./runtime";

/** The cookie settings of the sessions, when sign-in or the dev token is configured. */
export function cookieSettings(runtime: Runtime): CookieSettings | undefined {
  return cookieSettingsFor(sessionConfig(runtime.config));
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

// The sign-in and sign-out pages are route handlers (no React), so they carry the app's look here:
// the same colours as app/globals.css, light and dark.
const AUTH_PAGE_CSS = [
  "body{font-family:ui-sans-serif,system-ui,sans-serif;margin:0;line-height:1.5;color:#0f172a;background:#f1f5f9}",
  "header{padding:.75rem 1rem;border-bottom:1px solid #e2e8f0;background:#fff}",
  ".brand{display:inline-flex;align-items:center;gap:.5rem;font-weight:600;font-size:1.125rem;color:inherit;text-decoration:none}",
  "main{max-width:32rem;margin:2.5rem auto;padding:1.5rem;background:#fff;border:1px solid #e2e8f0;border-radius:.5rem}",
  "h1{font-size:1.5rem;margin:0 0 .75rem}a{color:#1d4ed8}",
  "button{font:inherit;font-weight:600;padding:.45rem 1rem;border:0;border-radius:.375rem;background:#1d4ed8;color:#fff;cursor:pointer}",
  "@media (prefers-color-scheme:dark){body{color:#f1f5f9;background:#020617}header,main{background:#0b1222;border-color:#1e293b}",
  "a{color:#93c5fd}button{background:#3b82f6;color:#020617}}",
  "@media (max-width:40rem){main{margin:1rem;padding:1rem}}",
].join("");

export function htmlPage(
  status: number,
  title: string,
  paragraphs: string[],
  link?: { href: string; text: string },
  form?: string,
): Response {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · OpenDepot Registry Explorer</title>
<link rel="icon" href="/favicon.ico" sizes="48x48"><link rel="icon" href="/icon.svg" type="image/svg+xml">
<style>${AUTH_PAGE_CSS}</style></head>
<body><header><a href="/" class="brand"><img src="/icon.svg" alt="" width="28" height="28">OpenDepot</a></header><main><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}${form ?? ""}${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : ""}</main></body></html>`;
  return withNoStore(new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8" } }));
}

export function jsonError(status: number, code: string, message: string): Response {
  return withNoStore(Response.json({ error: { code, message } }, { status }));
}

/** POSTs that change the session need an Origin (or, failing that, Referer) equal to the app's. */
export function sameOrigin(runtime: Runtime, request: Request): boolean {
  const base = sessionConfig(runtime.config)?.publicBaseUrl;
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
