// Where a version's archive comes from (issue 15): the file system under ARCHIVE_ROOT for modules
// stored on `fileSystem` (OpenDepot's own layout), else OpenDepot's registry download protocol.
// Failures are values with a reason for a person; a credential never appears in one.

import { open, stat } from "node:fs/promises";
import path from "node:path";
import type { TokenProvider } from "./token";

export interface ArchiveRequest {
  readonly namespace: string;
  /** The registry name and system the usage snippet shows. */
  readonly name: string;
  readonly system?: string;
  readonly version: string;
  readonly fileName: string;
  /** Set when the module's effective storage is `fileSystem`: its `directoryPath` ("" when unset). */
  readonly fileSystemDir?: string;
}

export type ArchiveFetch =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly via: "file" | "registry" }
  | { readonly ok: false; readonly status: "unavailable" | "invalid"; readonly reason: string };

export interface ArchiveSourceOptions {
  readonly archiveRoot?: string;
  readonly serverUrl?: URL;
  readonly token?: TokenProvider;
  readonly maxBytes: number;
  readonly timeoutMs?: number;
}

const unavailable = (reason: string): ArchiveFetch => ({ ok: false, status: "unavailable", reason });
const tooLarge = (max: number): ArchiveFetch => ({
  ok: false,
  status: "invalid",
  reason: `the archive is larger than ${max} bytes`,
});

export const NOT_CONFIGURED =
  "Archives are not readable here: set OPENDEPOT_SERVER_URL (with OPENDEPOT_TOKEN_FILE or OPENDEPOT_CLIENT_ID/SECRET) " +
  "to read them through OpenDepot, or ARCHIVE_ROOT for modules stored on a file system.";

export class ArchiveSource {
  constructor(private readonly options: ArchiveSourceOptions) {}

  async read(req: ArchiveRequest): Promise<ArchiveFetch> {
    const { archiveRoot, serverUrl } = this.options;
    // The local read wins when it can happen (no network hop); everything else goes to OpenDepot.
    if (archiveRoot !== undefined && req.fileSystemDir !== undefined) return this.readFile(archiveRoot, req);
    if (serverUrl) return this.download(serverUrl, req);
    if (req.fileSystemDir === undefined && archiveRoot !== undefined) {
      return unavailable(
        "This module is not stored on a file system and OPENDEPOT_SERVER_URL is not set, so its archive cannot be read.",
      );
    }
    return unavailable(NOT_CONFIGURED);
  }

  /** `{ARCHIVE_ROOT}/{directoryPath}/{name}/{fileName}`; a path that leaves the root is refused. */
  private async readFile(root: string, req: ArchiveRequest): Promise<ArchiveFetch> {
    const base = path.resolve(root);
    const file = path.resolve(base, `.${path.sep}${req.fileSystemDir ?? ""}`, req.name, req.fileName);
    const rel = path.relative(base, file);
    if (req.fileName === "" || rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
      return { ok: false, status: "invalid", reason: "the archive's path leaves ARCHIVE_ROOT" };
    }
    try {
      const st = await stat(/*turbopackIgnore: true*/ file); // a runtime path under ARCHIVE_ROOT, not a bundle input
      if (!st.isFile()) return unavailable(`no archive file at ${rel}`);
      if (st.size > this.options.maxBytes) return tooLarge(this.options.maxBytes);
      const fh = await open(/*turbopackIgnore: true*/ file, "r");
      try {
        const bytes = new Uint8Array(st.size);
        const { bytesRead } = await fh.read(bytes, 0, st.size, 0);
        return { ok: true, bytes: bytes.subarray(0, bytesRead), via: "file" };
      } finally {
        await fh.close();
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return unavailable(
        code === "ENOENT" ? `no archive file at ${rel}` : `the archive file cannot be read (${code ?? "error"})`,
      );
    }
  }

  private async download(server: URL, req: ArchiveRequest): Promise<ArchiveFetch> {
    if (!req.system)
      return unavailable(
        "This module declares no provider (system), so OpenDepot's download address cannot be formed.",
      );
    let token: string | undefined;
    try {
      token = await this.options.token?.token();
    } catch (err) {
      return unavailable(`no token for OpenDepot: ${err instanceof Error ? err.message : "unknown error"}`);
    }
    const seg = (s: string) => encodeURIComponent(s);
    const base = server.href.endsWith("/") ? server.href : `${server.href}/`;
    const url = new URL(
      `opendepot/modules/v1/${seg(req.namespace)}/${seg(req.name)}/${seg(req.system)}/${seg(req.version)}/download`,
      base,
    );
    const timeout = this.options.timeoutMs ?? 30_000;
    const headers = (target: URL): HeadersInit =>
      // The token goes to OpenDepot's own origin only: a presigned storage URL needs none and must not see it.
      token !== undefined && target.origin === server.origin ? { authorization: `Bearer ${token}` } : {};
    let res: Response;
    try {
      res = await fetch(url, { headers: headers(url), redirect: "manual", signal: AbortSignal.timeout(timeout) });
    } catch (err) {
      return unavailable(`OpenDepot is not reachable (${errName(err)})`);
    }
    await res.body?.cancel();
    if (res.status !== 204 && res.status !== 200) return unavailable(statusReason(res.status, "download address"));
    const get = res.headers.get("x-terraform-get");
    if (!get) return unavailable("OpenDepot's answer has no X-Terraform-Get header");
    let target: URL;
    try {
      target = new URL(get, url);
    } catch {
      return unavailable("OpenDepot's X-Terraform-Get is not a URL");
    }
    if (target.protocol !== "https:" && target.protocol !== "http:") {
      return unavailable(
        `OpenDepot's X-Terraform-Get uses an unsupported scheme (${target.protocol.replace(/:$/, "")})`,
      );
    }
    try {
      const archive = await fetch(target, { headers: headers(target), signal: AbortSignal.timeout(timeout) });
      if (!archive.ok) {
        await archive.body?.cancel();
        return unavailable(statusReason(archive.status, "archive"));
      }
      const declared = Number(archive.headers.get("content-length") ?? "0");
      if (declared > this.options.maxBytes) {
        await archive.body?.cancel();
        return tooLarge(this.options.maxBytes);
      }
      const bytes = await readBounded(archive, this.options.maxBytes);
      return bytes ? { ok: true, bytes, via: "registry" } : tooLarge(this.options.maxBytes);
    } catch (err) {
      return unavailable(`the archive download failed (${errName(err)})`);
    }
  }
}

function errName(err: unknown): string {
  if (err instanceof Error)
    return err.name === "TimeoutError" ? "timed out" : ((err.cause as { code?: string } | undefined)?.code ?? err.name);
  return "error";
}

function statusReason(status: number, what: string): string {
  if (status === 401 || status === 403)
    return `OpenDepot refused the explorer's credential for the ${what} (${status})`;
  if (status === 404) return `OpenDepot has no ${what} for this version (404)`;
  return `OpenDepot answered ${status} for the ${what}`;
}

/** The body, or undefined once it passes `max` bytes (the rest is not read). */
async function readBounded(res: Response, max: number): Promise<Uint8Array | undefined> {
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
