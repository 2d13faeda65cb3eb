// The one place where errors become HTTP responses (docs/browse-api.md §4.4), and where browse
// responses get their headers (docs/browse-api.md §4.1).

import "server-only";
import { AppError, BadRequestError, UnauthorizedError } from "../errors";
import type { Logger } from "../log";

export const NO_STORE_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "private, no-store",
  Vary: "Authorization, Cookie",
};

const STATUS: Record<AppError["code"], number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unavailable: 503,
  internal: 500,
};

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return jsonTextResponse(JSON.stringify(body), status, headers);
}

/** A response whose body is already serialized JSON (the result cache keeps bodies as UTF-8 bytes). */
export function jsonTextResponse(
  text: string | Uint8Array,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(text as BodyInit, {
    status,
    headers: { "Content-Type": "application/json", ...NO_STORE_HEADERS, ...headers },
  });
}

export function errorResponse(err: unknown, logger: Logger): Response {
  if (!(err instanceof AppError)) {
    logger.error("unexpected error", { err });
    return jsonResponse({ error: { code: "internal", message: "internal error" } }, 500);
  }
  const body: Record<string, unknown> = { code: err.code, message: err.message };
  const headers: Record<string, string> = {};
  if (err instanceof BadRequestError) {
    body.param = err.param;
    if (err.allowed) body.allowed = err.allowed;
  }
  if (err instanceof UnauthorizedError) {
    headers["WWW-Authenticate"] = err.tokenPresented ? 'Bearer error="invalid_token"' : "Bearer";
  }
  if (err.code === "unavailable") headers["Retry-After"] = "1";
  return jsonResponse({ error: body }, STATUS[err.code], headers);
}
