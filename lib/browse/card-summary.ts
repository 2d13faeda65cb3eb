// The one-line description on a Registry card: the first prose paragraph of the latest Version's
// README for modules (the registry has no repository description to fall back on), the source
// repository for providers. Computed once per resource entry and kept as long as its index
// (lib/registry/index/entry-memo.ts).

import { decodeReadme } from "../registry/readme";
import type { ResourceEntry, SyncState, VersionEntry } from "../registry/index/types";
import type { BrowseState } from "./state";
import { entryMemo } from "../registry/index/entry-memo";

export interface CardSummary {
  text: string;
  from: "readme" | "repository";
}

const MAX = 160;
const cache = entryMemo<ResourceEntry, CardSummary | null>("browse/card-summary");

/** Markdown to one plain line: links, emphasis and code marks dropped. */
function plain(md: string): string {
  return md
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`~]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The first paragraph that is prose: not a heading, badge line, list, table, quote, HTML or code. */
export function firstParagraph(markdown: string): string | undefined {
  const blocks = markdown.replace(/\r\n?/g, "\n").split(/\n\s*\n/);
  let inFence = false;
  for (const block of blocks) {
    const t = block.trim();
    const fences = (t.match(/^```/gm) ?? []).length;
    if (inFence || t.startsWith("```")) {
      if (fences % 2 === 1) inFence = !inFence;
      continue;
    }
    if (t === "" || /^(#|\||>|<|[-*+] |\d+\. |!\[|\[!\[)/.test(t)) continue;
    const text = plain(t);
    if (text.length < 3) continue;
    return text.length > MAX ? `${text.slice(0, MAX - 1).trimEnd()}…` : text;
  }
  return undefined;
}

async function summarize(state: BrowseState, r: ResourceEntry): Promise<CardSummary | null> {
  if (r.resource.kind === "Provider") {
    const repo = r.resource.config.sourceRepository || r.resource.status.resolvedSourceRepository;
    return repo ? { text: repo.replace(/^https?:\/\//, ""), from: "repository" } : null;
  }
  const row = r.latestRows.find((v) => v.version.status.readmeConfigMapRef?.name);
  const ref = row?.version.status.readmeConfigMapRef;
  if (!row || !ref) return null;
  const raw = await state.readConfigMap(
    row.version.metadata.namespace,
    ref.name,
    ref.key !== "" ? ref.key : "README.md",
  );
  const text = raw === undefined ? undefined : firstParagraph(decodeReadme(raw) ?? "");
  return text ? { text, from: "readme" } : null;
}

/** The sync state of a version's rows: failed if any failed, else syncing if any is, else synced. */
export function rowsSyncState(rows: readonly Pick<VersionEntry, "syncState">[]): SyncState | undefined {
  if (rows.length === 0) return undefined;
  if (rows.some((v) => v.syncState === "failed")) return "failed";
  return rows.some((v) => v.syncState === "progressing") ? "progressing" : "synced";
}

export interface CardExtras {
  summary?: CardSummary;
  /** Of the latest version's rows (the card's own syncState is the resource's status). */
  latestState?: SyncState;
}

/** Descriptions and latest-version state for the cards on one page, keyed by `kind/namespace/name`. */
export async function cardExtras(
  state: BrowseState,
  cards: readonly { kind: string; namespace: string; name: string }[],
): Promise<Map<string, CardExtras>> {
  const out = new Map<string, CardExtras>();
  await Promise.all(
    cards.map(async (c) => {
      const id = `${c.kind}/${c.namespace}/${c.name}`;
      const r = state.index.byId.get(id);
      if (!r) return;
      let s = cache.peek(state.index, r);
      if (s === undefined) {
        s = await summarize(state, r);
        cache.set(state.index, r, s);
      }
      const latestState = rowsSyncState(r.latestRows);
      out.set(id, { ...(s ? { summary: s } : {}), ...(latestState ? { latestState } : {}) });
    }),
  );
  return out;
}
