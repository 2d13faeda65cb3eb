import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../log";
import type { Snapshot } from "../snapshot";
import { FileSource } from "./file-source";

const G = "opendepot.defdev.io/v1alpha1";
const mod = (name: string, ns = "a") => `apiVersion: ${G}\nkind: Module\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: {moduleConfig: {provider: aws}}\n`;

let dir: string;
let source: FileSource | undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "od-file-source-"));
});
afterEach(async () => {
  await source?.stop();
  source = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function start(readDownloadsFile = true) {
  const snapshots: Snapshot[] = [];
  source = new FileSource({ root: dir, readDownloadsFile, logger: silentLogger, debounceMs: 50 });
  await source.start((s) => snapshots.push(s));
  return snapshots;
}

async function waitFor<T>(fn: () => T | undefined, ms = 2000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("FileSource", () => {
  it("reads yaml, yml and json recursively, multi-document and kind: List, skipping other files", async () => {
    await mkdir(path.join(dir, "nested", "deeper"), { recursive: true });
    await writeFile(path.join(dir, "a.yaml"), `${mod("one")}---\n${mod("two")}---\n`);
    await writeFile(path.join(dir, "nested", "b.yml"), `apiVersion: v1\nkind: List\nitems:\n- ${mod("three").replace(/\n(?=.)/g, "\n  ")}`);
    await writeFile(path.join(dir, "nested", "deeper", "c.json"), JSON.stringify({ apiVersion: G, kind: "Module", metadata: { name: "four", namespace: "a" }, spec: { moduleConfig: {} } }));
    await writeFile(path.join(dir, "notes.txt"), mod("ignored"));
    const [snap] = await start();
    expect(snap!.modules.map((m) => m.metadata.name).sort()).toEqual(["four", "one", "three", "two"]);
  });

  it("keeps version strings like 1.10 as strings (failsafe schema)", async () => {
    await writeFile(
      path.join(dir, "v.yaml"),
      `apiVersion: ${G}\nkind: Version\nmetadata: {name: v, namespace: a}\nspec: {version: 1.10}\nstatus: {synced: true, archiveSizeBytes: 42}\n`,
    );
    const [snap] = await start();
    expect(snap!.versions[0]!.spec.version).toBe("1.10");
    expect(snap!.versions[0]!.status).toMatchObject({ synced: true, archiveSizeBytes: 42 });
  });

  it("skips objects missing a required field with a warning naming kind, object, origin and field", async () => {
    await writeFile(path.join(dir, "bad.yaml"), `apiVersion: ${G}\nkind: Module\nmetadata: {name: broken, namespace: a}\nspec: {}\n---\n${mod("ok")}`);
    const [snap] = await start();
    expect(snap!.modules.map((m) => m.metadata.name)).toEqual(["ok"]);
    expect(snap!.warnings).toContainEqual(expect.objectContaining({ kind: "Module", object: "a/broken", origin: "bad.yaml#0", field: "spec.moduleConfig" }));
  });

  it("applies a change within 2 s, and a broken file keeps its last good objects", async () => {
    await writeFile(path.join(dir, "a.yaml"), mod("one"));
    await writeFile(path.join(dir, "b.yaml"), mod("other"));
    const snaps = await start();
    await writeFile(path.join(dir, "a.yaml"), `${mod("one")}---\n${mod("added")}`);
    const next = await waitFor(() => snaps.find((s) => s.modules.some((m) => m.metadata.name === "added")));
    expect(next.modules).toHaveLength(3);

    await writeFile(path.join(dir, "a.yaml"), `${mod("one")}---\nkind: [unclosed\n`);
    await writeFile(path.join(dir, "b.yaml"), `${mod("other")}---\n${mod("fresh")}`);
    const broken = await waitFor(() => snaps.find((s) => s.errors.length > 0 && s.modules.some((m) => m.metadata.name === "fresh")));
    expect(broken.modules.map((m) => m.metadata.name).sort()).toEqual(["added", "fresh", "one", "other"]);
    expect(broken.errors[0]).toMatchObject({ file: "a.yaml" });
    expect(broken.errors[0]!.message).toContain("document 1");

    await rm(path.join(dir, "b.yaml"));
    const removed = await waitFor(() => snaps.find((s) => !s.modules.some((m) => m.metadata.name === "other")));
    expect(removed.modules.map((m) => m.metadata.name).sort()).toEqual(["added", "one"]);
  });

  it("reads downloads.yaml as downloads, never as a manifest, and ignores it when Valkey is configured", async () => {
    await writeFile(path.join(dir, "downloads.yaml"), "- {namespace: a, kind: module, name: one, version: 1.0.0, count: 3}\n- {namespace: a, kind: bogus, name: x, version: 1, count: 1}\n");
    const [snap] = await start();
    expect(snap!.downloads?.leaderboard).toHaveLength(1);
    await source!.stop();
    const [withValkey] = await start(false);
    expect(withValkey!.downloads).toBeUndefined();
  });

  it("lets the later of two objects with the same identity win", async () => {
    await writeFile(path.join(dir, "a.yaml"), mod("dup").replace("provider: aws", "provider: first"));
    await writeFile(path.join(dir, "b.yaml"), mod("dup").replace("provider: aws", "provider: second"));
    const [snap] = await start();
    expect(snap!.modules.map((m) => m.config.provider)).toEqual(["second"]);
    expect(snap!.warnings).toContainEqual(expect.objectContaining({ object: "a/dup", message: expect.stringContaining("duplicate") }));
  });
});
