// Which paths under the registry folder may have changed: one fs.watch (inotify on Linux) per
// directory, each event naming the entry it is about. Written here rather than taken from
// chokidar, which lists and lstats the whole directory again on every event in it: at 10 file
// changes a second in a folder of 100 files that cost a tenth of a core (9 ms a second this way).

import type { Dirent } from "node:fs";
import { watch, type FSWatcher } from "node:fs";
import { lstat, readdir, realpath } from "node:fs/promises";
import path from "node:path";

export interface FolderEvents {
  /** Something at this path (relative to the root, `/`-separated) may have been written, created or removed. */
  readonly changed: (rel: string) => void;
  /** The directory at this path is gone, with everything under it. */
  readonly removedDir: (rel: string) => void;
  readonly error: (err: unknown, rel: string) => void;
}

interface WatchedDir {
  readonly watcher: FSWatcher;
  /** Told apart from a directory of the same name made after this one was removed. */
  readonly ino: number;
  /**
   * The links in it by name → the real path each led to. A link's own entry does not change when
   * what it leads to does — a Kubernetes ConfigMap volume swaps its `..data` link under links
   * like `modules.yaml -> ..data/modules.yaml` — so every event in the directory checks them.
   */
  readonly links: Map<string, string | undefined>;
}

/**
 * Dot-directories are not watched: nothing under them is read (file-source.ts skips such paths);
 * a link into one (a ConfigMap volume's `..data/…`) is followed by its real path instead.
 */
const hidden = (name: string) => name.startsWith(".");

export class FolderWatch {
  private readonly dirs = new Map<string, WatchedDir>();
  private closed = false;

  private constructor(
    private readonly root: string,
    private readonly events: FolderEvents,
  ) {}

  /** Watches every directory under `root` (links to directories are not followed); resolves once all are watched. */
  static async start(root: string, events: FolderEvents): Promise<FolderWatch> {
    const w = new FolderWatch(root, events);
    await w.add("", false);
    return w;
  }

  close(): void {
    this.closed = true;
    for (const d of this.dirs.values()) d.watcher.close();
    this.dirs.clear();
  }

  /** The directories watched (relative; "" is the root). */
  watched(): string[] {
    return [...this.dirs.keys()].sort();
  }

  private abs(rel: string): string {
    return rel === "" ? this.root : path.join(this.root, ...rel.split("/"));
  }

  /** Watches `rel` and the directories under it; with `report`, every entry found is reported as changed. */
  private async add(rel: string, report: boolean): Promise<void> {
    if (this.closed || this.dirs.has(rel)) return;
    const abs = this.abs(rel);
    let watcher: FSWatcher;
    let ino: number;
    try {
      ino = (await lstat(abs)).ino;
      // Watched before it is listed: an entry made in between is seen by one or the other.
      watcher = watch(abs, { persistent: true }, (_event, name) => {
        this.onEvent(rel, name === null ? undefined : String(name)).catch((err: unknown) =>
          this.events.error(err, rel),
        );
      });
    } catch (err) {
      // Gone already (its parent's event says so), or no watch left (inotify's max_user_watches).
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") this.events.error(err, rel);
      return;
    }
    if (this.closed || this.dirs.has(rel)) return void watcher.close();
    // A removed directory's watcher may fail; its parent's event reports the removal.
    watcher.on("error", (err) => {
      if ((err as NodeJS.ErrnoException).code !== "EPERM") this.events.error(err, rel);
      if (this.dirs.get(rel)?.watcher === watcher) this.forget(rel);
    });
    const dir: WatchedDir = { watcher, ino, links: new Map() };
    this.dirs.set(rel, dir);
    await this.list(rel, dir, report);
  }

  /** Reads the directory's entries: subdirectories are watched, links remembered, the rest reported when asked. */
  private async list(rel: string, dir: WatchedDir, report: boolean): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(this.abs(rel), { withFileTypes: true });
    } catch {
      return; // removed meanwhile: reported through its parent
    }
    await Promise.all(
      entries.map(async (e) => {
        const child = join(rel, e.name);
        if (e.isDirectory()) {
          if (!hidden(e.name)) await this.add(child, report);
          return;
        }
        if (e.isSymbolicLink()) dir.links.set(e.name, await realOrUndefined(this.abs(child)));
        if (report) this.events.changed(child);
      }),
    );
  }

  private async onEvent(dirRel: string, name: string | undefined): Promise<void> {
    const dir = this.dirs.get(dirRel);
    if (this.closed || !dir) return;
    if (name === undefined) return this.rescan(dirRel, dir);
    const rel = join(dirRel, name);
    const info = await lstat(this.abs(rel)).catch(() => undefined);
    if (this.closed) return;
    const known = this.dirs.get(rel);
    if (known && !(info?.isDirectory() && info.ino === known.ino)) this.removeDir(rel);
    if (info?.isDirectory()) {
      if (!hidden(name)) await this.add(rel, true);
    } else {
      if (info?.isSymbolicLink()) dir.links.set(name, await realOrUndefined(this.abs(rel)));
      else dir.links.delete(name);
      this.events.changed(rel);
    }
    await this.checkLinks(dirRel, dir, name);
  }

  /** Reports the links of the directory whose real path moved (the event was about something else). */
  private async checkLinks(dirRel: string, dir: WatchedDir, except: string): Promise<void> {
    for (const name of [...dir.links.keys()]) {
      if (name === except) continue;
      const now = await realOrUndefined(this.abs(join(dirRel, name)));
      // Read after the wait: another event's check may have seen the move first.
      if (!dir.links.has(name) || dir.links.get(name) === now) continue;
      dir.links.set(name, now);
      this.events.changed(join(dirRel, name));
    }
  }

  /** An event that named nothing: every entry of the directory may have changed. */
  private async rescan(dirRel: string, dir: WatchedDir): Promise<void> {
    let names: Set<string>;
    try {
      names = new Set(await readdir(this.abs(dirRel)));
    } catch {
      return;
    }
    for (const sub of this.dirs.keys()) {
      if (sub !== dirRel && parentOf(sub) === dirRel && !names.has(sub.slice(sub.lastIndexOf("/") + 1)))
        this.removeDir(sub);
    }
    dir.links.clear();
    await this.list(dirRel, dir, true);
  }

  private removeDir(rel: string): void {
    this.forget(rel);
    this.events.removedDir(rel);
  }

  /** Stops watching the directory and everything under it. */
  private forget(rel: string): void {
    for (const [key, d] of this.dirs) {
      if (key === rel || key.startsWith(`${rel}/`)) {
        d.watcher.close();
        this.dirs.delete(key);
      }
    }
  }
}

function join(dirRel: string, name: string): string {
  return dirRel === "" ? name : `${dirRel}/${name}`;
}

function parentOf(rel: string): string {
  const i = rel.lastIndexOf("/");
  return i < 0 ? "" : rel.slice(0, i);
}

async function realOrUndefined(abs: string): Promise<string | undefined> {
  try {
    return await realpath(abs);
  } catch {
    return undefined;
  }
}
