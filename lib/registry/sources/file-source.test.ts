import { mkdtemp, mkdir, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../log";
import type { Snapshot } from "../snapshot";
import { FileSource } from "./file-source";

const G = "opendepot.defdev.io/v1alpha1";
const mod = (name: string, ns = "a") =>
  `apiVersion: ${G}\nkind: Module\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: {moduleConfig: {provider: aws}}\n`;

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

async function start(readDownloadsFile = true, limits: { maxFileBytes?: number } = {}) {
  const snapshots: Snapshot[] = [];
  source = new FileSource({ root: dir, readDownloadsFile, logger: silentLogger, debounceMs: 50, ...limits });
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

const stripIds = ({ id: _i, loadedAt: _l, downloads: _d, changes: _c, ...rest }: Snapshot) => rest;

describe("FileSource: per change", () => {
  it("keeps unchanged objects identical, patches only what changed, and equals a full composition", async () => {
    await writeFile(path.join(dir, "a.yaml"), `${mod("one")}---\n${mod("two")}---\n${mod("one", "b")}`);
    await writeFile(path.join(dir, "b.yaml"), `${mod("three")}---\n${mod("two")}`); // a duplicate of a.yaml's
    const snapshots = await start();
    const first = snapshots[0]!;
    await writeFile(
      path.join(dir, "a.yaml"),
      `${mod("one")}---\n${mod("two", "a").replace("aws", "gcp")}---\n${mod("one", "b")}`,
    );
    const next = await waitFor(() => snapshots[1]);
    expect(next.modules.map((m) => m.metadata.name)).toEqual(first.modules.map((m) => m.metadata.name));
    expect(next.modules[0]).toBe(first.modules[0]);
    // b.yaml's "two" still wins the duplicate; a.yaml's new "two" replaced its old one.
    expect(next.modules.filter((m) => m.metadata.name === "two")).toHaveLength(1);
    expect(next.modules.find((m) => m.metadata.name === "two")).toBe(
      first.modules.find((m) => m.metadata.name === "two"),
    );
    expect(next.versions).toBe(first.versions);
    const fresh = await new Promise<Snapshot>((resolve) => {
      const other = new FileSource({ root: dir, readDownloadsFile: true, logger: silentLogger, watch: false });
      void other.start(resolve);
    });
    expect(stripIds(next)).toEqual(stripIds(fresh));
  });

  it("applies changes that come more often than the quiet period (at most MAX_CHANGE_DELAY_MS late)", async () => {
    await writeFile(path.join(dir, "a.yaml"), mod("m0"));
    const snapshots: Snapshot[] = [];
    source = new FileSource({ root: dir, readDownloadsFile: false, logger: silentLogger, debounceMs: 400 });
    await source.start((s) => snapshots.push(s));
    const stop = Date.now() + 2000;
    let i = 0;
    while (Date.now() < stop) {
      await writeFile(path.join(dir, "a.yaml"), mod(`m${++i}`));
      await new Promise((r) => setTimeout(r, 100)); // well under the 400 ms quiet period
    }
    // Counted before the writes stop: the quiet period never passed while they went on.
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
  });
});

describe("FileSource", () => {
  it("reads yaml, yml and json recursively, multi-document and kind: List, skipping other files", async () => {
    await mkdir(path.join(dir, "nested", "deeper"), { recursive: true });
    await writeFile(path.join(dir, "a.yaml"), `${mod("one")}---\n${mod("two")}---\n`);
    await writeFile(
      path.join(dir, "nested", "b.yml"),
      `apiVersion: v1\nkind: List\nitems:\n- ${mod("three").replace(/\n(?=.)/g, "\n  ")}`,
    );
    await writeFile(
      path.join(dir, "nested", "deeper", "c.json"),
      JSON.stringify({
        apiVersion: G,
        kind: "Module",
        metadata: { name: "four", namespace: "a" },
        spec: { moduleConfig: {} },
      }),
    );
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
    await writeFile(
      path.join(dir, "bad.yaml"),
      `apiVersion: ${G}\nkind: Module\nmetadata: {name: broken, namespace: a}\nspec: {}\n---\n${mod("ok")}`,
    );
    const [snap] = await start();
    expect(snap!.modules.map((m) => m.metadata.name)).toEqual(["ok"]);
    expect(snap!.warnings).toContainEqual(
      expect.objectContaining({ kind: "Module", object: "a/broken", origin: "bad.yaml#0", field: "spec.moduleConfig" }),
    );
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
    const broken = await waitFor(() =>
      snaps.find((s) => s.errors.length > 0 && s.modules.some((m) => m.metadata.name === "fresh")),
    );
    expect(broken.modules.map((m) => m.metadata.name).sort()).toEqual(["added", "fresh", "one", "other"]);
    expect(broken.errors[0]).toMatchObject({ file: "a.yaml" });
    expect(broken.errors[0]!.message).toContain("document 1");

    await rm(path.join(dir, "b.yaml"));
    const removed = await waitFor(() => snaps.find((s) => !s.modules.some((m) => m.metadata.name === "other")));
    expect(removed.modules.map((m) => m.metadata.name).sort()).toEqual(["added", "one"]);
  });

  it("follows a ConfigMap volume's update (kubelet swaps the ..data link under the files' links)", async () => {
    await mkdir(path.join(dir, "..2026_12_06_a"));
    await writeFile(path.join(dir, "..2026_12_06_a", "modules.yaml"), mod("before"));
    await symlink("..2026_12_06_a", path.join(dir, "..data"));
    await symlink(path.join("..data", "modules.yaml"), path.join(dir, "modules.yaml"));
    const snaps = await start();
    expect(snaps[0]!.modules.map((m) => m.metadata.name)).toEqual(["before"]);
    await mkdir(path.join(dir, "..2026_12_06_b"));
    await writeFile(path.join(dir, "..2026_12_06_b", "modules.yaml"), mod("after"));
    await symlink("..2026_12_06_b", path.join(dir, "..data_tmp"));
    await rename(path.join(dir, "..data_tmp"), path.join(dir, "..data"));
    const next = await waitFor(() => snaps.find((s) => s.modules.some((m) => m.metadata.name === "after")));
    expect(next.modules.map((m) => m.metadata.name)).toEqual(["after"]);
    expect(next.errors).toEqual([]);
  });

  it("forgets the objects of a removed directory", async () => {
    await mkdir(path.join(dir, "team", "deeper"), { recursive: true });
    await writeFile(path.join(dir, "team", "deeper", "a.yaml"), mod("gone"));
    await writeFile(path.join(dir, "kept.yaml"), mod("kept"));
    const snaps = await start();
    expect(snaps[0]!.modules).toHaveLength(2);
    await rm(path.join(dir, "team"), { recursive: true });
    const next = await waitFor(() => snaps.find((s) => s.modules.length === 1));
    expect(next.modules.map((m) => m.metadata.name)).toEqual(["kept"]);
  });

  it("reads downloads.yaml as downloads, never as a manifest, and ignores it when Valkey is configured", async () => {
    await writeFile(
      path.join(dir, "downloads.yaml"),
      "- {namespace: a, kind: module, name: one, version: 1.0.0, count: 3}\n- {namespace: a, kind: bogus, name: x, version: 1, count: 1}\n",
    );
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
    expect(snap!.warnings).toContainEqual(
      expect.objectContaining({ object: "a/dup", message: expect.stringContaining("duplicate") }),
    );
  });

  it("reports a file with more YAML aliases than allowed by name, at start and on change, and serves the rest", async () => {
    const shared = (n: number) =>
      `apiVersion: v1\nkind: List\nitems:\n- &m {apiVersion: ${G}, kind: Module, metadata: {name: m0, namespace: a}, spec: {moduleConfig: &s {provider: aws}}}\n` +
      Array.from(
        { length: n },
        (_, i) =>
          `- {apiVersion: ${G}, kind: Module, metadata: {name: m${i + 1}, namespace: a}, spec: {moduleConfig: *s}}\n`,
      ).join("");
    // 120 uses of one anchor is ordinary sharing, not an attack.
    await writeFile(path.join(dir, "shared.yaml"), shared(120));
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(", ")}]`,
      ),
    ].join("\n");
    await writeFile(path.join(dir, "bomb.yaml"), bomb);
    await writeFile(path.join(dir, "ok.yaml"), mod("ok"));
    const snaps = await start();
    expect(snaps[0]!.modules).toHaveLength(122);
    expect(snaps[0]!.errors).toEqual([
      { file: "bomb.yaml", message: expect.stringContaining("too many YAML alias expansions") },
    ]);
    // The watcher runs: deleting the bad file and adding a good one both apply.
    await rm(path.join(dir, "bomb.yaml"));
    await writeFile(path.join(dir, "later.yaml"), mod("later"));
    const next = await waitFor(() =>
      snaps.find((s) => s.modules.some((m) => m.metadata.name === "later") && s.errors.length === 0),
    );
    expect(next.modules).toHaveLength(123);
    await writeFile(path.join(dir, "ok.yaml"), bomb);
    await writeFile(path.join(dir, "later.yaml"), `${mod("later")}---\n${mod("later2")}`);
    const broken = await waitFor(() => snaps.find((s) => s.modules.some((m) => m.metadata.name === "later2")));
    expect(broken.errors.map((e) => e.file)).toEqual(["ok.yaml"]);
    expect(broken.modules.some((m) => m.metadata.name === "ok")).toBe(true); // its last good objects
  });

  it("reads ConfigMap values from its last snapshot, own keys only", async () => {
    await writeFile(
      path.join(dir, "cm.yaml"),
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: readme, namespace: a}\ndata: {README.md: SGk=}\n",
    );
    await start();
    expect(await source!.readConfigMap("a", "readme", "README.md")).toBe("SGk=");
    for (const key of ["constructor", "__proto__", "toString", "missing"])
      expect(await source!.readConfigMap("a", "readme", key)).toBeUndefined();
    expect(await source!.readConfigMap("a", "nope", "README.md")).toBeUndefined();
  });

  it("does not read a file over the size cap, and says so by name", async () => {
    await writeFile(path.join(dir, "big.yaml"), `${mod("big")}# ${"x".repeat(70_000)}\n`);
    await writeFile(path.join(dir, "ok.yaml"), mod("ok"));
    const [snap] = await start(true, { maxFileBytes: 64 * 1024 });
    expect(snap!.modules.map((m) => m.metadata.name)).toEqual(["ok"]);
    expect(snap!.errors).toEqual([
      {
        file: "big.yaml",
        message: expect.stringMatching(
          /^big\.yaml: is \d+ bytes, over the 65536-byte limit \(REGISTRY_MAX_FILE_BYTES\)/,
        ),
      },
    ]);
  });

  it("follows a link only to a file inside the folder, the same at start and after a change, and never echoes content", async () => {
    const outside = await mkdtemp(path.join(tmpdir(), "od-outside-"));
    try {
      await writeFile(path.join(outside, "secret.yaml"), `${mod("stolen")}# SECRET-CONTENT\n`);
      await writeFile(path.join(outside, "notes.yaml"), "SECRET-CONTENT: [unclosed\n");
      await mkdir(path.join(dir, "real"));
      await writeFile(path.join(dir, "real", "inside.yaml"), mod("inside"));
      await symlink(path.join(outside, "secret.yaml"), path.join(dir, "out.yaml"));
      await symlink(path.join(dir, "real", "inside.yaml"), path.join(dir, "in.yaml"));
      await writeFile(path.join(dir, "text.json"), "SECRET-CONTENT is not JSON");
      const snaps = await start();
      const names = (s: Snapshot) => s.modules.map((m) => m.metadata.name).sort();
      expect(names(snaps[0]!)).toEqual(["inside"]);
      expect(snaps[0]!.errors.map((e) => e.file).sort()).toEqual(["out.yaml", "text.json"]);
      await symlink(path.join(outside, "notes.yaml"), path.join(dir, "later.yaml"));
      await symlink(path.join(outside, "secret.yaml"), path.join(dir, "later2.yaml"));
      await writeFile(path.join(dir, "fresh.yaml"), mod("fresh"));
      const after = await waitFor(() =>
        snaps.find((s) => s.modules.some((m) => m.metadata.name === "fresh") && s.errors.length === 4),
      );
      expect(names(after)).toEqual(["fresh", "inside"]);
      expect(after.errors.map((e) => e.file).sort()).toEqual(["later.yaml", "later2.yaml", "out.yaml", "text.json"]);
      for (const e of after.errors) expect(e.message).not.toContain("SECRET");
      expect(after.errors.find((e) => e.file === "text.json")!.message).toMatch(
        /^text\.json: invalid JSON( at position \d+)?$/,
      );
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

// Hostile files (docs/browse-api.md §2.1): whatever one file holds, it is reported by name, the rest of
// its batch applies, its last good objects stay, and no error message carries its text.
describe("FileSource with random files", () => {
  const MARK = "SECRET-CONTENT";
  const good = (names: string[]) => names.map((n) => mod(n)).join("---\n");
  const hostile = fc.oneof(
    fc.array(fc.stringMatching(/^t-[a-z]{1,6}$/), { maxLength: 3 }).map((names) => ({ text: good(names) })),
    fc.constant({
      text: [
        "a: &a [x, x, x, x, x, x, x, x, x]",
        ...["b", "c", "d", "e", "f", "g"].map(
          (k, i) =>
            `${k}: &${k} [${Array(9)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(", ")}]`,
        ),
      ].join("\n"),
    }),
    fc
      .integer({ min: 101, max: 400 })
      .map((n) => ({ text: `x: &x ${MARK}\nl: [${Array(n).fill("*x").join(", ")}]\n` })),
    fc.integer({ min: 60_000, max: 90_000 }).map((n) => ({ text: `${mod("t-huge")}note: ${MARK}${"y".repeat(n)}\n` })),
    fc.integer({ min: 2_000, max: 20_000 }).map((n) => ({ text: `${"[".repeat(n)}${MARK}${"]".repeat(n)}\n` })),
    fc.integer({ min: 2_000, max: 20_000 }).map((n) => ({ text: `${"- ".repeat(n)}${MARK}\n` })),
    fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty").map((k) => ({
      text: `apiVersion: ${G}\nkind: Module\n${k}: {polluted: true}\nmetadata: {name: t-${k.replace(/_/g, "").toLowerCase()}, namespace: a, labels: {${k}: x}}\nspec: {moduleConfig: {${k}: aws}}\n`,
    })),
    fc
      .constantFrom(
        "spec: 5",
        "metadata: []",
        "metadata: {name: [1], namespace: {}}",
        "kind: [Module]",
        "status: {synced: maybe}",
      )
      .map((bad) => ({
        text: `apiVersion: ${G}\nkind: Module\nmetadata: {name: t-typed, namespace: a}\nspec: {moduleConfig: {}}\n${bad}\n`,
      })),
    fc.string({ maxLength: 200 }).map((junk) => ({ text: `${MARK}${junk}` })),
    fc
      .constantFrom(
        `{"${MARK}": `,
        `[1, 2`,
        `*undefined_alias`,
        `a: *nope\n`,
        `\t${MARK}: x`,
        `%YAML 9.9\n---\n${MARK}`,
      )
      .map((text) => ({ text })),
  );

  it("never throws past a file: the bad file is reported by name, the batch applies, the last good objects stay", async () => {
    await writeFile(path.join(dir, "stable.yaml"), mod("stable"));
    await writeFile(path.join(dir, "target.yaml"), mod("t-first"));
    const snaps = await start(true, { maxFileBytes: 64 * 1024 });
    let lastGood = ["t-first"];
    let step = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async ({ text }) => {
        step += 1;
        const marker = `fresh${step}`;
        await writeFile(path.join(dir, "target.yaml"), text);
        await writeFile(path.join(dir, "fresh.yaml"), mod(marker));
        const snap = await waitFor(() => snaps.find((s) => s.modules.some((m) => m.metadata.name === marker)), 10_000);
        const names = snap.modules.map((m) => m.metadata.name);
        expect(names).toContain("stable");
        const target = names.filter((n) => n.startsWith("t-")).sort();
        const error = snap.errors.find((e) => e.file === "target.yaml");
        if (error) expect(target).toEqual([...lastGood].sort());
        else lastGood = target;
        for (const e of snap.errors) expect(e.message).not.toContain(MARK);
        expect(snap.errors.every((e) => e.file === "target.yaml")).toBe(true);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
