// Shared pieces of the /auth/* route handlers: cookie attributes, same-origin checks, and the
// small HTML pages they answer with (no scripts, so they work under the strict CSP).

import "server-only";
import { NextResponse } from "next/server";
import { chunkNames, safeReturnTo } from "../auth/session";
import { NO_STORE_HEADERS } from "./http";
import type { Runtime } from "./runtime";

export function cookieOptions(runtime: Runtime, maxAgeSeconds?: number) {
  const secure = runtime.config.session?.publicBaseUrl.protocol === "https:";
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure, ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}) };
}

export function clearCookie(res: NextResponse, runtime: Runtime, name: string): void {
  res.cookies.set(name, "", { ...cookieOptions(runtime), maxAge: 0 });
}

export function clearSessionCookies(res: NextResponse, runtime: Runtime): void {
  for (const name of chunkNames()) clearCookie(res, runtime, name);
}

export function withNoStore<T extends Response>(res: T): T {
  for (const [k, v] of Object.entries(NO_STORE_HEADERS)) res.headers.set(k, v);
  return res;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function htmlPage(status: number, title: string, paragraphs: string[], link?: { href: string; text: string }, form?: string): NextResponse {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · OpenDepot Registry Explorer</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#0f172a;background:#fff}@media (prefers-color-scheme:dark){body{color:#e2e8f0;background:#020617}a{color:#93c5fd}}button{font:inherit;padding:.4rem 1rem}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}${form ?? ""}${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : ""}</main></body></html>`;
  return withNoStore(new NextResponse(body, { status, headers: { "Content-Type": "text/html; charset=utf-8" } }));
}

export function jsonError(status: number, code: string, message: string): NextResponse {
  return withNoStore(NextResponse.json({ error: { code, message } }, { status }));
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

export function forbidden(message: string): NextResponse {
  return jsonError(403, "forbidden", message);
}

