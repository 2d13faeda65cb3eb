// Every `§` a source file cites names a document under docs/ and a section that exists there, so a
// reader with only a clone can follow it: `docs/browse-api.md §3.3` (a numbered heading; a list such
// as `§3.5, §6.5` continues the same document) or `docs/ui.md "Depots"` (a heading's text).

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function trackedSources(): string[] {
  const out = execFileSync(
    "git",
    ["ls-files", "--cached", "--others", "--exclude-standard", "--", "*.ts", "*.tsx", "*.mjs", "*.css"],
    { cwd: ROOT, encoding: "utf8" },
  );
  // This file spells the syntax out, so it is the one file not checked.
  return out
    .split("\n")
    .filter((f) => f !== "" && !f.startsWith("node_modules/") && f !== "lib/docs-references.test.ts");
}

const headingCache = new Map<string, string[]>();
function headings(doc: string): string[] {
  let h = headingCache.get(doc);
  if (!h) {
    h = readFileSync(path.join(ROOT, "docs", doc), "utf8")
      .split("\n")
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => l.replace(/^#+ /, "").trim());
    headingCache.set(doc, h);
  }
  return h;
}

/** `3.3` matches the heading `3.3 Versions…`, `3` matches `3. Core rules…`. */
const hasSection = (doc: string, n: string) =>
  headings(doc).some((h) => h.startsWith(`${n} `) || h.startsWith(`${n}. `));
const hasTitle = (doc: string, title: string) => headings(doc).some((h) => h.includes(title));

export function brokenReferences(): string[] {
  const problems: string[] = [];
  // A document reference, then its sections: `§1`, `§3.3 step 5`, `§3.5, §6.5`.
  const ref = /(?:docs\/)?([\w-]+\.md)((?:(?:,| and)? ?§ ?\d+(?:\.\d+)*\.?)+|(?: "[^"]+")+)?/g;
  for (const file of trackedSources()) {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    const covered = new Set<number>();
    for (const m of text.matchAll(ref)) {
      const [whole, doc, sections] = m;
      if (!whole.startsWith("docs/")) {
        if (sections) problems.push(`${file}: "${whole.trim()}" does not name a file under docs/`);
        continue;
      }
      if (!existsSync(path.join(ROOT, "docs", doc!))) {
        problems.push(`${file}: docs/${doc} does not exist`);
        continue;
      }
      for (const s of (sections ?? "").matchAll(/§ ?(\d+(?:\.\d+)*)/g)) {
        covered.add(m.index + whole.length - sections!.length + s.index);
        if (!hasSection(doc!, s[1]!.replace(/\.$/, ""))) problems.push(`${file}: docs/${doc} has no section ${s[1]}`);
      }
      for (const t of (sections ?? "").matchAll(/"([^"]+)"/g)) {
        if (!hasTitle(doc!, t[1]!)) problems.push(`${file}: docs/${doc} has no heading "${t[1]}"`);
      }
    }
    for (const s of text.matchAll(/§/g)) {
      if (!covered.has(s.index)) {
        const line = text.slice(0, s.index).split("\n").length;
        problems.push(`${file}:${line}: a § that names no document under docs/`);
      }
    }
  }
  return problems;
}

describe("documentation references", () => {
  it("every § in the code names a document under docs/ and a section it has", () => {
    expect(brokenReferences()).toEqual([]);
  });
});
