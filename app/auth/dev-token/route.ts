import { NextResponse } from "next/server";
import { authenticate } from "@/lib/auth/gate";
import { DEV_TOKEN_COOKIE, sealValue } from "@/lib/auth/session";
import { UnauthorizedError, UnavailableError } from "@/lib/errors";
import { clearCookie, cookieOptions, forbidden, jsonError, sameOrigin, withNoStore } from "@/lib/server/auth-http";
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
  const back = new URL(request.headers.get("referer") ?? "/", session.publicBaseUrl);
  back.searchParams.delete("dev_token_error");
  const res = withNoStore(isJson ? new NextResponse(null, { status: 204 }) : NextResponse.redirect(back.origin === session.publicBaseUrl.origin ? back : new URL("/", session.publicBaseUrl), 303));
  if (value === "") {
    clearCookie(res, runtime, DEV_TOKEN_COOKIE);
    runtime.logger.info("dev token cleared", { event: "dev_token_cleared" });
    return res;
  }
  // Check the token before keeping it: a rejected one is explained on the form (a form post goes
  // back with `dev_token_error`), never stored, and never turned into a trip to the provider.
  const problem = await check(runtime, value);
  if (problem) {
    runtime.logger.info("dev token refused", { event: "dev_token_refused", reason: problem });
    if (isJson) {
      return problem === "unavailable"
        ? jsonError(503, "unavailable", "the identity provider cannot be reached to check the token")
        : jsonError(401, "unauthorized", "the token was not accepted");
    }
    return withNoStore(NextResponse.redirect(withParam(back, session.publicBaseUrl, "dev_token_error", problem), 303));
  }
  const sealed = await sealValue({ token: value }, session.password, DEV_TOKEN_TTL_S);
  if (sealed.length > MAX_COOKIE) {
    if (!isJson) return withNoStore(NextResponse.redirect(withParam(back, session.publicBaseUrl, "dev_token_error", "too_large"), 303));
    return jsonError(413, "payload_too_large", "the token is too large to keep in a cookie");
  }
  res.cookies.set(DEV_TOKEN_COOKIE, sealed, cookieOptions(runtime, DEV_TOKEN_TTL_S));
  runtime.logger.info("dev token set", { event: "dev_token_set" });
  return res;
}

async function check(runtime: ReturnType<typeof getRuntime>, token: string): Promise<"rejected" | "unavailable" | undefined> {
  try {
    await authenticate(runtime.gate, { token, source: "dev-token" });
    return undefined;
  } catch (err) {
    if (err instanceof UnauthorizedError) return "rejected";
    if (err instanceof UnavailableError) return "unavailable";
    throw err;
  }
}

/** The page the form was on (same origin only), with one parameter set and a stale one dropped. */
function withParam(back: URL, base: URL, name: string, value: string): URL {
  const target = back.origin === base.origin ? new URL(back) : new URL("/", base);
  target.searchParams.set(name, value);
  return target;
}
