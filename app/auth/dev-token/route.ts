import { NextResponse } from "next/server";
import { DEV_TOKEN_COOKIE, sealValue } from "@/lib/auth/session";
import { backToReferer, clearCookie, cookieOptions, forbidden, jsonError, sameOrigin, withNoStore } from "@/lib/server/auth-http";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

const MAX_COOKIE = 3800;
const DEV_TOKEN_TTL_S = 7 * 24 * 3600;

export async function POST(request: Request) {
  const runtime = getRuntime();
  const { session, devTokenInputEnabled } = runtime.config;
  if (!devTokenInputEnabled || !session) return forbidden("dev token input is disabled");
  if (!sameOrigin(runtime, request)) return forbidden("cross-origin request refused");
  const isJson = (request.headers.get("content-type") ?? "").includes("application/json");
  let token: unknown;
  try {
    token = isJson ? ((await request.json()) as { token?: unknown }).token : (await request.formData()).get("token");
  } catch {
    return jsonError(400, "bad_request", "expected JSON {\"token\": \"…\"} or a form field token");
  }
  if (token !== undefined && token !== null && typeof token !== "string") return jsonError(400, "bad_request", "token must be a string");
  const value = (token ?? "").trim();
  const res = withNoStore(isJson ? new NextResponse(null, { status: 204 }) : NextResponse.redirect(backToReferer(request, session.publicBaseUrl), 303));
  if (value === "") {
    clearCookie(res, runtime, DEV_TOKEN_COOKIE);
    runtime.logger.info("dev token cleared", { event: "dev_token_cleared" });
    return res;
  }
  const sealed = await sealValue({ token: value }, session.password, DEV_TOKEN_TTL_S);
  if (sealed.length > MAX_COOKIE) return jsonError(413, "payload_too_large", "the token is too large to keep in a cookie");
  res.cookies.set(DEV_TOKEN_COOKIE, sealed, cookieOptions(runtime, DEV_TOKEN_TTL_S));
  runtime.logger.info("dev token set", { event: "dev_token_set" });
  return res;
}
