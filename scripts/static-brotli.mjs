// Brotli for the build's static JavaScript and CSS. `next start` (and the standalone server)
// compress with gzip only; every current browser accepts br, which is 12–16 % smaller on these
// chunks (README "Page weight"). The files are compressed once per process, in memory and in the
// background (zlib's thread pool), when the server is created: no build step to forget, nothing
// written next to the build (the image's root filesystem may be read-only). Until a file is
// ready, or for a client that does not accept br, Next serves it as before.
//
// Plain JavaScript: the request guard preloads it (request-guard-preload.mjs), in the image too.

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";

const compress = promisify(brotliCompress);

export const STATIC_PREFIX = "/_next/static/";

const TYPES = new Map([
  [".js", "application/javascript; charset=UTF-8"],
  [".css", "text/css; charset=UTF-8"],
]);

/** Larger files are left to Next (a build's largest chunk is about 250 KB). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * True when an Accept-Encoding value allows br (listed, with no q or q > 0). Hand-written:
 * negotiator would have to be traced into the standalone image for this plain-JS preload, and
 * only one coding's q-value matters here.
 */
export function acceptsBrotli(header) {
  if (typeof header !== "string") return false;
  for (const part of header.split(",")) {
    const [coding, ...params] = part.split(";").map((s) => s.trim());
    if (coding.toLowerCase() !== "br") continue;
    const q = params.find((p) => p.toLowerCase().startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/**
 * Compresses every .js and .css file under `staticDir` (symbolic links are not followed) and
 * returns them keyed by their path below it, as a request names it once percent-decoded.
 */
export async function compressStatic(staticDir) {
  const table = new Map();
  let entries;
  try {
    entries = await readdir(staticDir, { recursive: true, withFileTypes: true });
  } catch {
    return table; // no build here: nothing to serve
  }
  for (const entry of entries) {
    const type = TYPES.get(path.extname(entry.name));
    if (!entry.isFile() || type === undefined) continue;
    const file = path.join(entry.parentPath, entry.name);
    try {
      const body = await readFile(file);
      if (body.length > MAX_FILE_BYTES) continue;
      const br = await compress(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      });
      if (br.length >= body.length) continue;
      const key = path.relative(staticDir, file).split(path.sep).join("/");
      table.set(key, { body: br, type, etag: `W/"br-${br.length.toString(16)}-${hash(body)}"` });
    } catch {
      // Unreadable or gone: Next answers for it as it would without us.
    }
  }
  return table;
}

/** A short content hash for the ETag (FNV-1a; a cryptographic hash buys nothing here). */
function hash(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return (h >>> 0).toString(16);
}

/**
 * Answers a GET or HEAD for a compressed static file from `table` when the client accepts br;
 * returns false (and writes nothing) when Next should answer instead.
 */
export function serveBrotli(table, req, res) {
  if (table.size === 0 || (req.method !== "GET" && req.method !== "HEAD")) return false;
  const url = req.url ?? "";
  if (!url.startsWith(STATIC_PREFIX) || !acceptsBrotli(req.headers["accept-encoding"])) return false;
  const q = url.indexOf("?");
  let key;
  try {
    key = decodeURIComponent((q < 0 ? url : url.slice(0, q)).slice(STATIC_PREFIX.length));
  } catch {
    return false;
  }
  const hit = table.get(key);
  if (hit === undefined) return false;
  const headers = {
    "Cache-Control": "public, max-age=31536000, immutable",
    "Content-Type": hit.type,
    "Content-Encoding": "br",
    ETag: hit.etag,
    Vary: "Accept-Encoding",
  };
  if (req.headers["if-none-match"] === hit.etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(200, { ...headers, "Content-Length": String(hit.body.length) });
  res.end(req.method === "HEAD" ? undefined : hit.body);
  return true;
}

/**
 * The table the request guard serves from: empty at first, filled in the background from
 * `<cwd>/.next/static` (where `next start` and the standalone server read it) the first time
 * it is asked for.
 */
let shared;
export function staticBrotliTable(staticDir = path.join(process.cwd(), ".next", "static")) {
  if (shared === undefined) {
    shared = new Map();
    void compressStatic(staticDir).then((table) => {
      for (const [k, v] of table) shared.set(k, v);
    });
  }
  return shared;
}
