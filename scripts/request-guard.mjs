// Preloaded into the server process (`node --import`, see server-node-flags.mjs): the one place
// that sees every request before Next.js and every response head after it, for what neither
// proxy.ts nor next.config can do in Next 16 (tried; see docs in README "Hostile input"):
//
// - A path segment with a malformed percent-escape (`/x/module/%FF`) and a malformed
//   `Next-Router-State-Tree` header make Next answer 500 with a plain-text body before proxy.ts
//   runs. Such a request is routed to what the app answers for a path that does not exist: the
//   JSON 400 of the browse API (through its own error path) or the 404 page, both with the
//   security headers proxy.ts sets.
// - Static JavaScript and CSS go out brotli-compressed to clients that accept it (static-brotli.mjs).
// - Pages the page cache holds are replayed without rendering; the rest is compressed here, with
//   Next's own middleware, after the cache has seen it (lib/server/page-cache.ts).
// - Pages and 404s carry `Vary: Authorization, Cookie` (Next writes its own Vary on pages), and a
//   405 names the allowed methods in `Allow`.
//
// request-guard-preload.mjs installs it around http.createServer, which `next start`, the
// standalone server.js of the image and the demo all call once. Plain JavaScript, so the image can
// preload it without a build step.

import { createRequire } from "node:module";
import { serveBrotli, staticBrotliTable } from "./static-brotli.mjs";

/** Set by the guard only (an incoming copy is removed): why a request was rerouted. */
export const MALFORMED_HEADER = "x-opendepot-malformed";
/** Where a malformed page request goes: a path no route matches, so Next renders the 404 page. */
export const NOT_FOUND_PATH = "/_opendepot/not-found";
export const API_PREFIX = "/opendepot/ui/v1/";
const API_MALFORMED_PATH = `${API_PREFIX}_malformed`;

const ROUTER_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
];

const require = createRequire(import.meta.url);
const optional = (id) => {
  try {
    return require(id);
  } catch {
    return undefined;
  }
};
// Next's own validator, so the guard rejects exactly what Next would fail on.
const parseRouterState = optional(
  "next/dist/server/app-render/parse-and-validate-flight-router-state",
)?.parseAndValidateFlightRouterState;
// Next's own compression middleware, applied here instead of by Next (`compress: false` in
// next.config.ts) so that the page cache sees the HTML before it is compressed; the same code,
// and the same release of its zlib stream when a client goes away, as next start's router server.
const compression = optional("next/dist/compiled/compression");
const releaseCompressionStream = optional("next/dist/server/lib/release-compression-stream")?.releaseCompressionStream;

/** A client-side navigation or prefetch: its flight response depends on the router's state. */
export function isFlightRequest(req) {
  return ROUTER_HEADERS.some((h) => req.headers[h] !== undefined) || /[?&]_rsc=/.test(req.url ?? "");
}

/** True when every `%` in the path starts an escape that decodes (as UTF-8) with its segment. */
export function pathDecodes(pathname) {
  for (const segment of pathname.split("/")) {
    if (!segment.includes("%")) continue;
    try {
      decodeURIComponent(segment);
    } catch {
      return false;
    }
  }
  return true;
}

/** Why Next could not serve this request as it is, or undefined. */
export function malformation(pathname, headers) {
  if (!pathDecodes(pathname)) return "path";
  const state = headers["next-router-state-tree"];
  if (state !== undefined) {
    if (Array.isArray(state)) return "header";
    if (parseRouterState) {
      try {
        parseRouterState(state);
      } catch {
        return "header";
      }
    }
  }
  return undefined;
}

/** Rewrites a request Next cannot parse into one the app answers as not found; returns the reason. */
export function rerouteMalformed(req) {
  delete req.headers[MALFORMED_HEADER];
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  const reason = malformation(pathname, req.headers);
  if (reason === undefined) return undefined;
  for (const h of ROUTER_HEADERS) delete req.headers[h];
  req.headers[MALFORMED_HEADER] = reason;
  req.url = pathname.startsWith(API_PREFIX) ? API_MALFORMED_PATH : NOT_FOUND_PATH;
  return reason;
}

const VARY = ["Authorization", "Cookie"];

// Route handlers that answer more than GET; every other path answers GET and HEAD. Next answers
// OPTIONS with the same list, which e2e/http/hostile-requests.test.ts compares for every route.
const METHODS = new Map([
  ["/auth/dev-token", "OPTIONS, POST"],
  ["/auth/logout", "GET, HEAD, OPTIONS, POST"],
]);

/** The methods a path answers, for `Allow` on a 405. */
export function allowedMethods(pathname) {
  return METHODS.get(pathname) ?? "GET, HEAD, OPTIONS";
}

function mergeVary(current) {
  const values = (Array.isArray(current) ? current.join(",") : String(current ?? ""))
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
  const lower = new Set(values.map((v) => v.toLowerCase()));
  for (const v of VARY) if (!lower.has(v.toLowerCase())) values.push(v);
  return values.join(", ");
}

/** Adds Vary (and Allow on a 405) just before the head is written, whatever wrote it. */
export function guardResponse(req, res) {
  const pathname = (req.url ?? "/").split("?")[0];
  // Static assets are the same for everyone; everything else may depend on the credential.
  if (pathname.startsWith("/_next/static/")) return;
  const writeHead = res.writeHead;
  res.writeHead = function (statusCode, ...rest) {
    const headersArg = rest.find((a) => a !== null && typeof a === "object");
    if (Array.isArray(headersArg)) {
      // Raw [name, value, …] pairs: merge into the list itself.
      const i = headersArg.findIndex((v, j) => j % 2 === 0 && String(v).toLowerCase() === "vary");
      if (i >= 0) headersArg[i + 1] = mergeVary([res.getHeader("vary") ?? "", headersArg[i + 1]].join(","));
      else headersArg.push("Vary", mergeVary(res.getHeader("vary")));
    } else if (headersArg) {
      const key = Object.keys(headersArg).find((k) => k.toLowerCase() === "vary") ?? "Vary";
      headersArg[key] = mergeVary([res.getHeader("vary") ?? "", headersArg[key] ?? ""].join(","));
    } else {
      res.setHeader("Vary", mergeVary(res.getHeader("vary")));
    }
    if (statusCode === 405 && !res.hasHeader("allow")) res.setHeader("Allow", allowedMethods(pathname));
    return writeHead.call(this, statusCode, ...rest);
  };
}

/** Where lib/server/page-cache.ts puts the page cache once the app has started (the same key there). */
export const PAGE_CACHE_HOOK = Symbol.for("opendepot.page-cache");

/** Pages larger than this are not captured (the page cache refuses them anyway). */
const CAPTURE_LIMIT = 4 * 1024 * 1024;

/** Hands `done` what Next wrote (status, headers, body before compression) when the response ends. */
export function captureResponse(res, done) {
  const chunks = [];
  let bytes = 0;
  let over = false;
  const keep = (chunk, encoding) => {
    if (over || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buf =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8")
        : Buffer.from(chunk);
    bytes += buf.length;
    if (bytes > CAPTURE_LIMIT) {
      over = true;
      chunks.length = 0;
    } else chunks.push(buf);
  };
  const write = res.write;
  const end = res.end;
  res.write = function (chunk, encoding, cb) {
    keep(chunk, encoding);
    return write.call(this, chunk, encoding, cb);
  };
  res.end = function (chunk, encoding, cb) {
    keep(chunk, encoding);
    if (!over) {
      try {
        done({ status: res.statusCode, headers: res.getHeaders(), body: Buffer.concat(chunks) });
      } catch {
        // A page that cannot be stored is still sent.
      }
    }
    return end.call(this, chunk, encoding, cb);
  };
}

/** Writes a replay's parts as they are, in one batch (corked), with their total as Content-Length. */
function sendReplay(replay, res) {
  for (const [name, value] of replay.headers) res.setHeader(name, value);
  res.setHeader("Content-Length", replay.bytes);
  res.writeHead(replay.status);
  res.cork();
  for (const part of replay.body) res.write(part);
  res.end();
  res.uncork();
}

/**
 * The request listener Next gets: answers static JavaScript and CSS with brotli when the client
 * accepts it (static-brotli.mjs), compresses the rest as Next would, reroutes what Next cannot
 * parse, completes the response headers, and replays a page the page cache holds for this
 * request (lib/server/page-cache.ts) or captures the one Next renders for it.
 */
export function guardListener(
  listener,
  brotliTable = staticBrotliTable(),
  pageCache = () => globalThis[PAGE_CACHE_HOOK],
) {
  const compress = compression?.();
  return function guardedListener(req, res) {
    if (serveBrotli(brotliTable, req, res)) return;
    if (compress) {
      compress(req, res, () => {});
      res.once("close", () => {
        if (!res.writableFinished) releaseCompressionStream?.(res);
      });
    }
    rerouteMalformed(req);
    guardResponse(req, res);
    const cache = pageCache();
    if (cache === undefined || isFlightRequest(req)) return listener.call(this, req, res);
    cache.lookup(req).then(
      (found) => {
        if (found?.replay) return sendReplay(found.replay, res);
        if (found) captureResponse(res, (page) => cache.store(found.key, page));
        listener.call(this, req, res);
      },
      () => listener.call(this, req, res),
    );
  };
}
