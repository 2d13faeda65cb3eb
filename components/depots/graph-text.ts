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
  critical: "border-red-600 bg-red-50 text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-50",
  high: "border-orange-600 bg-orange-50 text-orange-950 dark:border-orange-400 dark:bg-orange-950 dark:text-orange-50",
  medium: "border-amber-600 bg-amber-50 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50",
  low: "border-sky-600 bg-sky-50 text-sky-950 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-50",
  unknown: "border-slate-500 bg-slate-50 text-slate-900 dark:border-slate-400 dark:bg-slate-900 dark:text-slate-50",
  none: "border-emerald-600 bg-emerald-50 text-emerald-950 dark:border-emerald-400 dark:bg-emerald-950 dark:text-emerald-50",
  unscanned: "border-slate-400 bg-white text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-50",
};
