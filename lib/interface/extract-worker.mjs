// The archive worker: unpacks one module archive and parses its Terraform files, off the server's
// event loop. Plain JavaScript because Node loads it directly as a worker_threads entry (the Next
// bundle cannot host a worker, and @cdktn/hcl2json loads its WASM from beside its own files).
// The caller (extract-pool.ts) enforces the archive size and the parse time (it terminates this
// thread); this file enforces the uncompressed size, the entry count and the per-file size, and
// skips unsafe entries. Message in: {id, bytes, limits}; out: {id, result} (see types.ts).

import { parentPort } from "node:worker_threads";
import { gunzipSync } from "node:zlib";
import tarStream from "tar-stream";
import yauzl from "yauzl";

/** @type {Promise<typeof import("@cdktn/hcl2json")> | undefined} */
let hcl;
const loadHcl = () => (hcl ??= import("@cdktn/hcl2json"));

class Invalid extends Error {}

const ZIP_SYMLINK = 0o120000;

/** Why a path is unsafe, or undefined: absolute, drive letters, backslashes and `..` are refused. */
function unsafeReason(name) {
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) return "absolute path";
  if (name.includes("\\")) return "backslash in path";
  if (name.includes("\0")) return "NUL in path";
  if (name.split("/").some((s) => s === "..")) return "parent directory (..)";
  return undefined;
}

/** Terraform files only at the module root, one level of `modules/*` and `examples/*` below it. */
const TF_FILE = /(^|\/)[^/]+\.tf(\.json)?$/;

function relevant(name) {
  return TF_FILE.test(name) && name.split("/").length <= 4;
}

function format(bytes) {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return "gzip";
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) return "zip";
  if (bytes.length >= 262 && Buffer.from(bytes.subarray(257, 262)).toString("latin1") === "ustar") return "tar";
  return undefined;
}

function gunzip(bytes, limits) {
  try {
    return gunzipSync(bytes, { maxOutputLength: limits.maxUnpackedBytes });
  } catch (err) {
    if (err instanceof RangeError || err?.code === "ERR_BUFFER_TOO_LARGE") {
      throw new Invalid(`the archive unpacks to more than ${limits.maxUnpackedBytes} bytes`);
    }
    throw new Invalid(`the gzip stream is damaged (${err?.code ?? err?.message ?? "unknown error"})`);
  }
}

/** Every entry of a tar, as {names, files, skipped}. */
function readTar(buf, limits) {
  return new Promise((resolve, reject) => {
    const extract = tarStream.extract();
    const out = { names: [], files: [], skipped: [] };
    let count = 0;
    extract.on("entry", (header, stream, next) => {
      count++;
      const name = header.name.replace(/^\.\//, "");
      const fail = (msg) => {
        extract.destroy();
        reject(new Invalid(msg));
      };
      if (count > limits.maxEntries) return fail(`the archive has more than ${limits.maxEntries} entries`);
      const reason = unsafeReason(name);
      const isLink = header.type === "symlink" || header.type === "link";
      const skip = reason ?? (isLink ? "link" : undefined);
      if (skip) out.skipped.push(`${name} (${skip})`);
      else if (header.type === "directory" || header.type === "file") out.names.push(name);
      const wanted = !skip && header.type === "file" && relevant(name);
      if (wanted && (header.size ?? 0) > limits.maxFileBytes)
        return fail(`${name} is larger than ${limits.maxFileBytes} bytes`);
      const chunks = [];
      stream.on("data", (c) => {
        if (wanted) chunks.push(c);
      });
      stream.on("end", () => {
        if (wanted) out.files.push({ name, text: Buffer.concat(chunks).toString("utf8") });
        next();
      });
      stream.on("error", (err) => fail(`the tar stream is damaged (${err.message})`));
    });
    extract.on("finish", () => resolve(out));
    extract.on("error", (err) => reject(new Invalid(`the tar stream is damaged (${err.message})`)));
    extract.end(buf);
  });
}

function readZip(buf, limits) {
  return new Promise((resolve, reject) => {
    const opts = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: false };
    yauzl.fromBuffer(buf, opts, (err, zip) => {
      if (err || !zip) return reject(new Invalid(`the zip archive is damaged (${err?.message ?? "no directory"})`));
      if (zip.entryCount > limits.maxEntries)
        return reject(new Invalid(`the archive has more than ${limits.maxEntries} entries`));
      const out = { names: [], files: [], skipped: [] };
      let unpacked = 0;
      const fail = (msg) => {
        zip.close();
        reject(new Invalid(msg));
      };
      zip.on("error", (e) => fail(`the zip archive is damaged (${e.message})`));
      zip.on("end", () => resolve(out));
      zip.on("entry", (entry) => {
        const name = Buffer.from(entry.fileName).toString("utf8");
        const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
        const reason = unsafeReason(name) ?? (mode === ZIP_SYMLINK ? "link" : undefined);
        if (reason) {
          out.skipped.push(`${name} (${reason})`);
          return zip.readEntry();
        }
        out.names.push(name);
        unpacked += entry.uncompressedSize;
        if (unpacked > limits.maxUnpackedBytes)
          return fail(`the archive unpacks to more than ${limits.maxUnpackedBytes} bytes`);
        if (name.endsWith("/") || !relevant(name)) return zip.readEntry();
        if (entry.uncompressedSize > limits.maxFileBytes)
          return fail(`${name} is larger than ${limits.maxFileBytes} bytes`);
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(`${name} cannot be read (${e?.message ?? "no stream"})`);
          const chunks = [];
          let size = 0;
          stream.on("data", (c) => {
            size += c.length;
            // Declared sizes can lie; yauzl checks them too, this stops reading early.
            if (size > limits.maxFileBytes) stream.destroy(new Error(`larger than ${limits.maxFileBytes} bytes`));
            else chunks.push(c);
          });
          stream.on("error", (se) => fail(`${name} cannot be read (${se.message})`));
          stream.on("end", () => {
            out.files.push({ name, text: Buffer.concat(chunks).toString("utf8") });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * When every entry sits under one top-level directory (GitHub tarballs and zipballs), that
 * directory is the module root; otherwise the archive root is.
 */
function commonPrefix(names) {
  const tops = new Set(names.map((n) => (n.includes("/") ? n.slice(0, n.indexOf("/") + 1) : n)));
  if (tops.size !== 1) return "";
  const [top] = tops;
  return top.endsWith("/") && names.every((n) => n.startsWith(top)) ? top : "";
}

/** "" for the root, "modules/x" or "examples/x", or undefined for any other directory. */
function moduleDir(rel) {
  const parts = rel.split("/");
  parts.pop();
  if (parts.length === 0) return "";
  if (parts.length === 2 && (parts[0] === "modules" || parts[0] === "examples") && parts[1] !== "")
    return parts.join("/");
  return undefined;
}

async function extract(bytes, limits) {
  const kind = format(bytes);
  if (!kind) throw new Invalid("not a .tar.gz, .tgz, .tar or .zip archive");
  let entries;
  if (kind === "zip") entries = await readZip(Buffer.from(bytes), limits);
  else {
    const tar = kind === "gzip" ? gunzip(bytes, limits) : Buffer.from(bytes);
    if (format(tar) !== "tar") throw new Invalid("the archive holds no tar stream");
    entries = await readTar(tar, limits);
  }
  const prefix = commonPrefix(entries.names);
  const { parse } = await loadHcl();
  const dirs = new Map();
  for (const f of entries.files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!f.name.startsWith(prefix)) continue;
    const rel = f.name.slice(prefix.length);
    const dir = moduleDir(rel);
    if (dir === undefined) continue;
    const base = rel.slice(rel.lastIndexOf("/") + 1);
    // Override files merge by Terraform's own rules, not as declarations; they are left out.
    if (/(^|_)override\.tf(\.json)?$/.test(base)) continue;
    let body;
    try {
      body = base.endsWith(".json") ? JSON.parse(f.text) : await parse(base, f.text);
    } catch (err) {
      throw new Invalid(`${rel} does not parse: ${String(err?.message ?? err).slice(0, 300)}`);
    }
    const list = dirs.get(dir) ?? [];
    list.push({ name: base, json: body });
    dirs.set(dir, list);
  }
  if (dirs.size === 0)
    throw new Invalid("no Terraform files (.tf or .tf.json) at the module root, in modules/* or examples/*");
  return { status: "ok", dirs: [...dirs].map(([path, files]) => ({ path, files })), skipped: entries.skipped };
}

parentPort?.on("message", async ({ id, bytes, limits }) => {
  let result;
  try {
    result = await extract(new Uint8Array(bytes), limits);
  } catch (err) {
    result =
      err instanceof Invalid
        ? { status: "invalid", reason: err.message }
        : { status: "invalid", reason: `unpacking failed: ${String(err?.message ?? err)}` };
  }
  parentPort?.postMessage({ id, result });
});
