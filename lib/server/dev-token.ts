// POST /auth/dev-token (docs/auth.md §4): keep, replace or clear a pasted bearer token. A token the
// gate rejects is never stored: a JSON caller gets 401 (503 when the provider cannot be reached to
// check it), a form post goes back to its page with `dev_token_error` so the form can explain.

import "server-only";
import { authenticate } from "../auth/gate";
import { sessionConfig } from "../config";
import { clearDevToken, writeDevToken, type CookieJar } from "../auth/session-cookies";
import { UnauthorizedError, UnavailableError } from "../errors";
import { backToReferer, cookieSettings, forbidden, jsonError, redirect, sameOrigin, withNoStore } from "./auth-http";
import type { Runtime } from "./runtime";

type Problem = "rejected" | "unavailable" | "too_large";

async function check(runtime: Runtime, token: string): Promise<Problem | undefined> {
  try {
    await authenticate(runtime.gate, { token, source: "dev-token" });
    return undefined;
  } catch (err) {
    if (err instanceof UnauthorizedError) return "rejected";
    if (err instanceof UnavailableError) return "unavailable";
    throw err;
  }
}

export async function saveDevToken(runtime: Runtime, jar: CookieJar, request: Request): Promise<Response> {
  const settings = cookieSettings(runtime);
  const base = sessionConfig(runtime.config)?.publicBaseUrl;
  if (!runtime.config.devTokenInputEnabled || !settings || !base) return forbidden("dev token input is disabled");
  if (!sameOrigin(runtime, request)) return forbidden("cross-origin request refused");
  const isJson = (request.headers.get("content-type") ?? "").includes("application/json");
  let token: unknown;
  try {
    token = isJson ? ((await request.json()) as { token?: unknown }).token : (await request.formData()).get("token");
  } catch {
    return jsonError(400, "bad_request", 'expected JSON {"token": "…"} or a form field token');
  }
  if (token !== undefined && token !== null && typeof token !== "string")
    return jsonError(400, "bad_request", "token must be a string");
  const value = (token ?? "").trim();
  const back = backToReferer(request, base);
  back.searchParams.delete("dev_token_error");
  const done = () => (isJson ? withNoStore(new Response(null, { status: 204 })) : redirect(back, 303));
  if (value === "") {
    clearDevToken(jar, settings);
    runtime.logger.info("dev token cleared", { event: "dev_token_cleared" });
    return done();
  }
  const problem =
    (await check(runtime, value)) ?? ((await writeDevToken(jar, settings, value)) ? undefined : "too_large");
  if (problem) {
    runtime.logger.info("dev token refused", { event: "dev_token_refused", reason: problem });
    if (!isJson) {
      back.searchParams.set("dev_token_error", problem);
      return redirect(back, 303);
    }
    if (problem === "unavailable")
      return jsonError(503, "unavailable", "the identity provider cannot be reached to check the token");
    if (problem === "too_large")
      return jsonError(413, "payload_too_large", "the token is too large to keep in a cookie");
    return jsonError(401, "unauthorized", "the token was not accepted");
  }
  runtime.logger.info("dev token set", { event: "dev_token_set" });
  return done();
}
