// The folder watch reports what each event names, follows a Kubernetes ConfigMap volume's link
// swap, watches directories made later and lets go of removed ones.

import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FolderWatch } from "./folder-watch";

let root: string;
let watch: FolderWatch | undefined;
let changed: string[];
let removed: string[];
let errors: unknown[];

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "od-folder-watch-"));
  changed = [];
  removed = [];
  errors = [];
});
afterEach(async () => {
  watch?.close();
  watch = undefined;
  await rm(root, { recursive: true, force: true });
});

async function start(): Promise<FolderWatch> {
  watch = await FolderWatch.start(root, {
    changed: (rel) => changed.push(rel),
    removedDir: (rel) => removed.push(rel),
    error: (err) => errors.push(err),
  });
  return watch;
}

async function until(what: string, ok: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: changed ${JSON.stringify(changed)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 200));

describe("FolderWatch", () => {
  it("reports a written, a new and a removed file by their paths, and nothing else", async () => {
    await mkdir(path.join(root, "ns"));
    await writeFile(path.join(root, "ns", "a.yaml"), "a");
    await writeFile(path.join(root, "ns", "b.yaml"), "b");
    await start();
    expect(watch!.watched()).toEqual(["", "ns"]);
    await writeFile(path.join(root, "ns", "a.yaml"), "a2");
    await until("a.yaml", () => changed.includes("ns/a.yaml"));
    await writeFile(path.join(root, "c.yaml"), "c");
    await until("c.yaml", () => changed.includes("c.yaml"));
    await rm(path.join(root, "ns", "b.yaml"));
    await until("b.yaml", () => changed.includes("ns/b.yaml"));
    await settle();
    expect(new Set(changed)).toEqual(new Set(["ns/a.yaml", "c.yaml", "ns/b.yaml"]));
    expect(removed).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("watches a directory made or moved in later, reporting what it holds", async () => {
    await start();
    const outside = await mkdtemp(path.join(tmpdir(), "od-folder-watch-out-"));
    try {
      await mkdir(path.join(outside, "deep", "er"), { recursive: true });
      await writeFile(path.join(outside, "deep", "er", "x.yaml"), "x");
      await rename(path.join(outside, "deep"), path.join(root, "deep"));
      await until("moved-in files", () => changed.includes("deep/er/x.yaml"));
      expect(watch!.watched()).toEqual(["", "deep", "deep/er"]);
      await mkdir(path.join(root, "made"));
      await writeFile(path.join(root, "made", "y.yaml"), "y");
      await until("y.yaml", () => changed.includes("made/y.yaml"));
      changed.length = 0;
      await writeFile(path.join(root, "deep", "er", "x.yaml"), "x2");
      await until("x.yaml again", () => changed.includes("deep/er/x.yaml"));
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("says a removed directory is gone and stops watching it; one made again under its name is watched anew", async () => {
    await mkdir(path.join(root, "ns", "sub"), { recursive: true });
    await writeFile(path.join(root, "ns", "sub", "a.yaml"), "a");
    await start();
    await rm(path.join(root, "ns"), { recursive: true });
    await until("removal", () => removed.includes("ns"));
    expect(watch!.watched()).toEqual([""]);
    await mkdir(path.join(root, "ns"));
    await until("the new directory", () => watch!.watched().includes("ns"));
    await writeFile(path.join(root, "ns", "b.yaml"), "b");
    await until("b.yaml", () => changed.includes("ns/b.yaml"));
  });

  it("reports the links whose target moved when a ConfigMap volume swaps its ..data link", async () => {
    // The layout kubelet's atomic writer keeps: ..<timestamp>/ holds the files, ..data links to
    // it, and each file's name links to ..data/<name>.
    await mkdir(path.join(root, "..2026_12_06_a"));
    await writeFile(path.join(root, "..2026_12_06_a", "modules.yaml"), "one");
    await symlink("..2026_12_06_a", path.join(root, "..data"));
    await symlink(path.join("..data", "modules.yaml"), path.join(root, "modules.yaml"));
    await start();
    expect(watch!.watched()).toEqual([""]);
    await mkdir(path.join(root, "..2026_12_06_b"));
    await writeFile(path.join(root, "..2026_12_06_b", "modules.yaml"), "two");
    await symlink("..2026_12_06_b", path.join(root, "..data_tmp"));
    await rename(path.join(root, "..data_tmp"), path.join(root, "..data"));
    await until("modules.yaml", () => changed.includes("modules.yaml"));
    await rm(path.join(root, "..2026_12_06_a"), { recursive: true });
    await settle();
    expect(changed.filter((c) => c === "modules.yaml")).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("does not follow a link to a directory, and reports nothing once closed", async () => {
    const outside = await mkdtemp(path.join(tmpdir(), "od-folder-watch-out-"));
    try {
      await symlink(outside, path.join(root, "linked"));
      await start();
      expect(watch!.watched()).toEqual([""]);
      await writeFile(path.join(outside, "z.yaml"), "z");
      watch!.close();
      await writeFile(path.join(root, "after.yaml"), "late");
      await settle();
      expect(changed).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
