// What the Depots page says about a node: its words and links, for the graph, its panel and the
// list view (lib/browse/graph-layout.ts returns facts only).

import type { DepotFacts, LaidOutNode, ResourceFacts, Worst } from "@/lib/browse/graph-layout";

export const resourceHref = (kind: "module" | "provider", namespace: string, name: string) =>
  `/${encodeURIComponent(namespace)}/${kind}/${encodeURIComponent(name)}`;

export const depotHref = (namespace: string, name: string) =>
  `/depots?depot=${encodeURIComponent(`${namespace}/${name}`)}`;

/** Only when the depot has an interval (0 or absent: it does not poll on a schedule). */
export const pollingText = (minutes: number | undefined) =>
  minutes !== undefined && minutes > 0 ? `polls every ${minutes} min` : undefined;

export const storageText = (backend: string | undefined) => (backend ? `storage: ${backend}` : "no storage backend");

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${new Intl.NumberFormat("en").format(n)} ${n === 1 ? one : many}`;

export function worstText(worst: Worst, count: number): string {
  if (worst === "unscanned") return "not scanned";
  if (worst === "none") return "no findings";
  return `${count} ${worst}`;
}

/** The severity alone, for a cluster summary. */
export const worstWord = (worst: Worst) =>
  worst === "unscanned" ? "not scanned" : worst === "none" ? "no findings" : worst;

/** Short, for the node; the panel adds the controller's status message (which may say "synced" for a resource that is not). */
export const syncText = (f: ResourceFacts) => (f.synced ? "synced" : "not synced");

export function depotFacts(f: DepotFacts): string[] {
  const polling = pollingText(f.pollingIntervalMinutes);
  return [
    storageText(f.storageBackend),
    plural(f.modules, "module"),
    plural(f.providers, "provider"),
    ...(polling ? [polling] : []),
  ];
}

export function resourceFacts(f: ResourceFacts): string[] {
  const sync = f.synced || !f.syncStatus ? syncText(f) : `not synced: ${f.syncStatus}`;
  return [sync, worstText(f.worst, f.worstCount), ...(f.latestVersion ? [`latest ${f.latestVersion}`] : [])];
}

/** The one line under a node's name. */
export const nodeLine = (n: LaidOutNode) =>
  n.kind === "depot"
    ? `${n.facts.storageBackend ?? "no storage"} · ${plural(n.facts.modules + n.facts.providers, "resource")}`
    : `${syncText(n.facts)} · ${worstText(n.facts.worst, n.facts.worstCount)}`;

export const nodeAriaLabel = (n: LaidOutNode) =>
  `${n.kind} ${n.namespace}/${n.name}. ${(n.kind === "depot" ? depotFacts(n.facts) : resourceFacts(n.facts)).join(", ")}. Press Enter for details.`;

/** Tailwind classes per worst severity: colour is never the only signal (the text says it too). */
export const WORST_TONE: Readonly<Record<Worst, string>> = {
  critical: "border-sev-critical bg-danger-soft text-fg",
  high: "border-sev-high bg-warning-soft text-fg",
  medium: "border-sev-medium bg-warning-soft text-fg",
  low: "border-sev-low bg-info-soft text-fg",
  unknown: "border-sev-unknown bg-subtle text-fg",
  none: "border-success bg-success-soft text-fg",
  unscanned: "border-line-strong bg-surface text-fg",
};
