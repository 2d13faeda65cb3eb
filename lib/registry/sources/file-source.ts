// The embedded registry: a folder of manifests, watched for changes (docs/browse-api.md §2.1, §7.3).
// Each file keeps its own last good parse, so one broken file never hides the others: whatever
// goes wrong while reading a file (too large, not YAML, an alias bomb, nesting past the stack, a
// link leaving the folder) is reported by its name, and the rest of the batch applies.

import { constants } from "node:fs";
import { open, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { readDownloadsEntries } from "./downloads-file";
import type { RawDownloads } from "../download-records";
import type { Logger } from "../../log";
import type { SchemaWarning } from "../schemas";
import type { RegistryObject } from "../types";
import { composeSnapshot, identity, patchSnapshot, type Snapshot, type SourceError } from "../snapshot";
import {
  DEFAULT_MANIFEST_LIMITS,
  ManifestParseError,
  parseDocuments,
  readManifestFile,
  type ManifestLimits,
  type ParsedFile,
} from "./manifest-file";
import { MAX_CHANGE_DELAY_MS, type RegistrySource } from "./types";
import { ExplorerError } from "../../errors";
import { ownValue } from "../../own";
import { FolderWatch } from "./folder-watch";

const MANIFEST_EXT = /\.(ya?ml|json)$/;
const DOWNLOADS_FILE = "downloads.yaml";

export interface FileSourceOptions {
  readonly root: string;
  /** When false (Valkey configured), the root downloads.yaml is ignored altogether. */
  readonly readDownloadsFile: boolean;
  readonly logger: Logger;
  /** Quiet period before a burst of file events is applied. */
  readonly debounceMs?: number;
  /** Watch for changes (off in one-shot tools such as the benchmark loader). */
  readonly watch?: boolean;
  /** Files larger than this are reported and not read (REGISTRY_MAX_FILE_BYTES). */
  readonly maxFileBytes?: number;
  readonly manifestLimits?: ManifestLimits;
}

const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Why a file was not read; the message names no content of the file. */
class UnreadableFile extends ExplorerError<"ERR_FILE_UNREADABLE"> {
  constructor(message: string) {
    super("ERR_FILE_UNREADABLE", message);
  }
}

interface FileState {
  /** Last good parse (absent when the file never parsed). */
  parsed?: ParsedFile;
  error?: SourceError;
}

export class FileSource implements RegistrySource {
  readonly kind = "file" as const;
  private readonly files = new Map<string, FileState>();
  private downloads: { value?: RawDownloads; error?: SourceError } = {};
  private watcher: FolderWatch | undefined;
  /** False until the first snapshot is out: changes seen while loading wait for it. */
  private started = false;
  private dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private firstDirtyAt = 0;
  /** The last snapshot and the duplicate-identity warnings of its last full composition. */
  private last: { snapshot: Snapshot; duplicates: readonly SchemaWarning[] } | undefined;
  private onSnapshot: ((s: Snapshot) => void) | undefined;
  private lastBuilt = 0;
  private realRoot: string | undefined;
  /** The ConfigMaps of the last snapshot, by `namespace/name`. */
  private configMaps: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map();
  private configMapsOf: Snapshot["configMaps"] | undefined;

  constructor(private readonly options: FileSourceOptions) {}

  async start(onSnapshot: (snapshot: Snapshot) => void): Promise<void> {
    this.onSnapshot = onSnapshot;
    this.realRoot = await realpath(this.options.root);
    // Watched before the first read, so that a file written meanwhile is read again after it.
    if (this.options.watch !== false) {
      this.watcher = await FolderWatch.start(this.options.root, {
        changed: (rel) => {
          if (this.isTracked(rel)) this.markDirty([rel]);
        },
        removedDir: (rel) => this.markDirty([...this.files.keys()].filter((f) => f.startsWith(`${rel}/`))),
        error: (err, rel) =>
          this.options.logger.warn(
            (err as NodeJS.ErrnoException).code === "ENOSPC"
              ? "registry folder not watched: the inotify watch limit (fs.inotify.max_user_watches) is reached; changes under this folder are not seen until a restart"
              : "registry folder watch error",
            { err: String(err), path: rel || "." },
          ),
      });
    }
    const files = (await listFiles(this.options.root)).filter((f) => this.isTracked(f));
    await this.loadAll(files);
    this.emit();
    this.started = true;
    if (this.dirty.size > 0) this.schedule();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.close();
  }

  async readConfigMap(namespace: string, name: string, key: string): Promise<string | undefined> {
    return ownValue(this.configMaps.get(`${namespace}/${name}`), key);
  }

  diagnostics(): Record<string, unknown> {
    return { path: this.options.root, files: this.files.size, lastBuiltAt: new Date(this.lastBuilt).toISOString() };
  }

  private isTracked(rel: string): boolean {
    if (rel === DOWNLOADS_FILE) return this.options.readDownloadsFile;
    return MANIFEST_EXT.test(rel) && !rel.split("/").some((part) => part.startsWith("."));
  }

  private markDirty(files: readonly string[]): void {
    if (files.length === 0) return;
    for (const f of files) this.dirty.add(f);
    if (this.started) this.schedule();
  }

  private schedule(): void {
    const now = Date.now();
    if (!this.timer) this.firstDirtyAt = now;
    else clearTimeout(this.timer);
    // Coalesce bursts, but never hold a change back for long: a folder rewritten more often than
    // the quiet period would otherwise never be applied.
    const wait = Math.max(0, Math.min(this.options.debounceMs ?? 150, this.firstDirtyAt + MAX_CHANGE_DELAY_MS - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.applyDirty();
    }, wait);
  }

  private async applyDirty(): Promise<void> {
    const batch = [...this.dirty];
    this.dirty.clear();
    try {
      const before = new Map(batch.map((f) => [f, this.files.get(f)?.parsed]));
      await this.loadAll(batch);
      this.emit(before);
    } catch (err) {
      // `load` reports per file; this is the last guard so a batch is never lost silently.
      this.options.logger.error("registry folder change not applied; keeping the last snapshot", { err });
    }
  }

  /**
   * A few files at a time: reading them all at once holds every file's text and raw objects
   * together, which at 100,000 Versions pushed the resident size after load past 1 GiB.
   * (A plain worker loop; p-limit would add a dependency for these lines.)
   */
  private async loadAll(files: readonly string[], concurrency = 4): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < files.length) await this.load(files[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  }

  /** (Re)reads one file; a missing file is removed, a broken one keeps its last good parse. */
  private async load(rel: string): Promise<void> {
    let text: string;
    try {
      text = await this.readText(rel);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") {
        if (rel === DOWNLOADS_FILE) this.downloads = {};
        else this.files.delete(rel);
        return;
      }
      const message =
        err instanceof UnreadableFile ? err.message : `cannot read (${(err as NodeJS.ErrnoException).code ?? "error"})`;
      if (rel === DOWNLOADS_FILE) this.recordDownloadsError(`${rel}: ${message}`);
      else this.recordError(rel, `${rel}: ${message}`);
      return;
    }
    if (rel === DOWNLOADS_FILE) return this.loadDownloads(text);
    try {
      const parsed = keepUnchanged(
        this.files.get(rel)?.parsed,
        readManifestFile(rel, text, this.options.manifestLimits ?? DEFAULT_MANIFEST_LIMITS),
      );
      for (const w of parsed.warnings) this.options.logger.warn("manifest problem", { ...w });
      this.files.set(rel, { parsed });
    } catch (err) {
      this.recordError(rel, err instanceof ManifestParseError ? err.message : `${rel}: could not be read as manifests`);
    }
  }

  /**
   * The text of a tracked file, the same rule at start and after changes: a link is read only
   * when its target is a regular file inside the registry folder, and no file past the size cap
   * is read at all (a 60 MB manifest costs gigabytes once parsed).
   */
  private async readText(rel: string): Promise<string> {
    const abs = path.join(this.options.root, rel);
    const real = await realpath(abs);
    const root = this.realRoot ?? (await realpath(this.options.root));
    if (real !== root && !real.startsWith(root + path.sep))
      throw new UnreadableFile("links to a file outside the registry folder; not read");
    const max = this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    // Checked before opening: opening a FIFO would wait for a writer.
    const info = await stat(real);
    if (!info.isFile()) throw new UnreadableFile("is not a regular file; not read");
    if (info.size > max)
      throw new UnreadableFile(`is ${info.size} bytes, over the ${max}-byte limit (REGISTRY_MAX_FILE_BYTES); not read`);
    const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      // Read at most the cap even if the file grows between stat and read.
      const buf = Buffer.alloc(Math.min(info.size, max) + 1);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      if (bytesRead > max)
        throw new UnreadableFile(`grew past the ${max}-byte limit (REGISTRY_MAX_FILE_BYTES) while read; not read`);
      return buf.subarray(0, bytesRead).toString("utf8");
    } finally {
      await handle.close();
    }
  }

  private loadDownloads(text: string): void {
    try {
      const [doc] = parseDocuments(DOWNLOADS_FILE, text, this.options.manifestLimits ?? DEFAULT_MANIFEST_LIMITS);
      const { downloads, warnings } = readDownloadsEntries(doc, DOWNLOADS_FILE, Date.now());
      for (const w of warnings) this.options.logger.warn("invalid downloads entry skipped", { ...w });
      this.downloads = { value: downloads };
    } catch (err) {
      this.recordDownloadsError(
        err instanceof ManifestParseError ? err.message : `${DOWNLOADS_FILE}: could not be read as download counts`,
      );
    }
  }

  private recordDownloadsError(message: string): void {
    const error = { file: DOWNLOADS_FILE, message };
    this.options.logger.warn("file failed to parse; keeping its last good data", { ...error });
    this.downloads = { ...this.downloads, error };
  }

  private recordError(rel: string, message: string): void {
    const error = { file: rel, message };
    this.options.logger.warn("file failed to parse; keeping its last good objects", { ...error });
    const prev = this.files.get(rel);
    this.files.set(rel, { ...(prev?.parsed ? { parsed: prev.parsed } : {}), error });
  }

  /**
   * Publishes a snapshot of every file. `before` holds the last parse of the files just re-read:
   * when each of them still holds the same identities in the same order, the last snapshot is
   * patched with the objects that changed; otherwise every file's objects are composed again.
   */
  private emit(before?: ReadonlyMap<string, ParsedFile | undefined>): void {
    const names = [...this.files.keys()].sort(); // code-unit order of paths (docs/browse-api.md §2.1)
    const errors: SourceError[] = [];
    const warnings: SchemaWarning[] = [];
    for (const name of names) {
      const state = this.files.get(name)!;
      if (state.error) errors.push(state.error);
      if (state.parsed) warnings.push(...state.parsed.warnings);
    }
    if (this.downloads.error) errors.push(this.downloads.error);
    const replace = before && this.last ? this.replacements(before) : undefined;
    if (replace && this.last) {
      const downloads = this.currentDownloads(this.last.snapshot.downloads);
      const snapshot = patchSnapshot(this.last.snapshot, {
        replace,
        errors,
        warnings: [...warnings, ...this.last.duplicates],
        ...(downloads ? { downloads } : {}),
      });
      this.publish(snapshot, this.last.duplicates);
      return;
    }
    const objects: { object: RegistryObject; origin: string }[] = [];
    for (const name of names) {
      const parsed = this.files.get(name)!.parsed;
      if (parsed) for (const o of parsed.objects) objects.push(o);
    }
    const downloads = this.currentDownloads(undefined);
    const snapshot = composeSnapshot({ objects, errors, warnings, ...(downloads ? { downloads } : {}) });
    // File-level warnings were logged when each file was parsed; only duplicates are new here.
    const duplicates = snapshot.warnings.slice(warnings.length);
    for (const w of duplicates) this.options.logger.warn("manifest problem", { ...w });
    this.publish(snapshot, duplicates);
  }

  /** Old object → new for the re-read files, or undefined when some file's identities changed. */
  private replacements(
    before: ReadonlyMap<string, ParsedFile | undefined>,
  ): Map<RegistryObject, RegistryObject> | undefined {
    const replace = new Map<RegistryObject, RegistryObject>();
    for (const [name, old] of before) {
      if (name === DOWNLOADS_FILE) continue;
      const now = this.files.get(name)?.parsed;
      if (old === now) continue;
      if (!old || !now || old.objects.length !== now.objects.length) return undefined;
      for (let i = 0; i < old.objects.length; i++) {
        const a = old.objects[i]!.object;
        const b = now.objects[i]!.object;
        if (a === b) continue;
        if (identity(a) !== identity(b)) return undefined;
        replace.set(a, b);
      }
    }
    return replace;
  }

  /** The downloads of the next snapshot: the last one's object while downloads.yaml is unchanged. */
  private currentDownloads(last: RawDownloads | undefined): RawDownloads | undefined {
    if (!this.options.readDownloadsFile) return undefined;
    if (this.downloads.value) return this.downloads.value;
    // No file: one empty table, kept while there is none, so a join with it can be reused.
    if (last && last.resources.size === 0 && last.versions.size === 0 && last.leaderboard.length === 0) return last;
    return { source: "file", builtAt: Date.now(), resources: new Map(), versions: new Map(), leaderboard: [] };
  }

  private publish(snapshot: Snapshot, duplicates: readonly SchemaWarning[]): void {
    this.last = { snapshot, duplicates };
    this.lastBuilt = snapshot.loadedAt;
    if (snapshot.configMaps !== this.configMapsOf) {
      this.configMapsOf = snapshot.configMaps;
      this.configMaps = new Map(snapshot.configMaps.map((c) => [`${c.metadata.namespace}/${c.metadata.name}`, c.data]));
    }
    this.onSnapshot?.(snapshot);
  }
}

/**
 * The new parse of a file with every object equal to the one at the same place in its last parse
 * replaced by that object: unchanged objects stay identical across snapshots, which is what lets
 * the index update only what changed (lib/registry/index/update.ts).
 */
function keepUnchanged(previous: ParsedFile | undefined, parsed: ParsedFile): ParsedFile {
  if (!previous) return parsed;
  const before = previous.objects;
  const after = parsed.objects;
  return parsed.mapObjects((object, i) => {
    const old = before[i];
    return old && old.origin === after[i]!.origin && isDeepStrictEqual(old.object, object) ? old.object : object;
  });
}

function toRel(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join("/");
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    // Links are listed too: `load` reads one only when its target is a file inside the folder.
    if (!e.isFile() && !e.isSymbolicLink()) continue;
    const rel = toRel(root, path.join(e.parentPath, e.name));
    if (rel.split("/").some((part) => part.startsWith("."))) continue;
    if (MANIFEST_EXT.test(rel)) out.push(rel);
  }
  return out;
}
