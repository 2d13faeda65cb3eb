// Archive builders for tests, the demo generator and the bench: tar (optionally gzipped) with
// tar-stream, zip with fflate. Deterministic (fixed mtimes), so generated archives are stable.

import { gzipSync } from "node:zlib";
import { zipSync, type Zippable } from "fflate";
import tarStream from "tar-stream";

export interface ArchiveEntry {
  readonly name: string;
  readonly content?: string | Uint8Array;
  readonly type?: "file" | "directory" | "symlink" | "link";
  readonly linkname?: string;
}

const MTIME = new Date("2026-01-01T00:00:00Z");

export async function tar(entries: readonly ArchiveEntry[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  pack.on("data", (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    pack.on("end", resolve);
    pack.on("error", reject);
  });
  for (const e of entries) {
    const type = e.type ?? "file";
    const body = typeof e.content === "string" ? Buffer.from(e.content) : Buffer.from(e.content ?? new Uint8Array());
    const header = {
      name: e.name,
      type,
      mtime: MTIME,
      mode: type === "directory" ? 0o755 : 0o644,
      ...(e.linkname ? { linkname: e.linkname } : {}),
    };
    if (type === "file") pack.entry(header, body);
    else pack.entry(header);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export async function tarGz(entries: readonly ArchiveEntry[]): Promise<Buffer> {
  return gzipSync(await tar(entries), { level: 9 });
}

/** A zip; `symlink` entries carry the Unix symlink mode in their external attributes. */
export function zip(entries: readonly ArchiveEntry[]): Buffer {
  const files: Zippable = {};
  for (const e of entries) {
    const body = typeof e.content === "string" ? new TextEncoder().encode(e.content) : (e.content ?? new Uint8Array());
    const link = e.type === "symlink";
    files[e.name] = [
      link ? new TextEncoder().encode(e.linkname ?? "") : body,
      { mtime: MTIME, os: 3, attrs: (link ? 0o120777 : 0o100644) << 16 },
    ];
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}
