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

/**
 * A response whose body is already serialized JSON: a string, or UTF-8 bytes in parts (the result
 * cache keeps bodies as bytes; a stamped response is the cached bytes and the stamp).
 */
export function jsonTextResponse(
  text: string | readonly Uint8Array[],
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(typeof text === "string" ? text : bytesStream(text), {
    status,
    headers: { "Content-Type": "application/json", ...NO_STORE_HEADERS, ...headers },
  });
}

/**
 * Appends the per-response members to a serialized object, `{…}` + `{"k":v}` → `{…,"k":v}`, as
 * parts: the cached bytes are sent as they are, never copied.
 */
export function stamped(body: Uint8Array, stamp?: () => Record<string, unknown>): readonly Uint8Array[] {
  if (!stamp) return [body];
  const extra = JSON.stringify(stamp());
  if (extra === "{}") return [body];
  if (body.byteLength === 2) return [Buffer.from(extra)]; // `{}`
  return [body.subarray(0, body.byteLength - 1), Buffer.from(`,${extra.slice(1)}`)];
}

/**
 * The parts as they are. A Uint8Array given to Response is copied first (a byte stream detaches
 * what it is handed); a default stream hands the cached bytes to the socket uncopied: for the 800 KB
 * graph that was two copies per request (with the stamp's concatenation) and 1.6 MB of short-lived
 * buffers that count as external memory towards the collector's limits.
 */
function bytesStream(parts: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
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
