// The Depots page's layered layout (ui.md "Depots"): dagre, left to right, depots before the
// resources they manage. Computed on the server and cached per (snapshot, Viewer class, query), so
// the browser ships neither dagre nor the layout work, and gets only what it draws.

import dagre from "@dagrejs/dagre";
import type { ScanCounts } from "../registry/findings";
import type { GraphResponse } from "./graph";

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 64;

export interface LaidOutNode {
  readonly id: string;
  readonly kind: "depot" | "module" | "provider";
  readonly label: string;
  readonly namespace: string;
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
  /** Human-readable facts, in display order (the panel lists them; the node shows a summary). */
  readonly detail: Readonly<Record<string, string>>;
  /** Resource page; depots have none. */
  readonly href?: string;
}

export interface GraphLayout {
  /** Every node's size (the client draws nodes this size, without importing this module). */
  readonly nodeWidth: number;
  readonly nodeHeight: number;
  readonly nodes: readonly LaidOutNode[];
  readonly edges: readonly { id: string; source: string; target: string }[];
}

/** The worst severity with a finding, as words (never colour alone). */
function worstFinding(c: ScanCounts | undefined): string {
  if (!c) return "not scanned";
  for (const k of ["critical", "high", "medium", "low", "unknown"] as const) if (c[k] > 0) return `${c[k]} ${k}`;
  return "no findings";
}

export function layoutGraph(graph: Omit<GraphResponse, "generatedAt">): GraphLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 16, ranksep: 90 });
  g.setDefaultEdgeLabel(() => ({}));
  const items: Omit<LaidOutNode, "x" | "y">[] = [
    ...graph.depots.map((d) => ({
      id: d.id,
      kind: "depot" as const,
      label: d.name,
      namespace: d.namespace,
      detail: {
        storage: d.storageBackend ? `storage: ${d.storageBackend}` : "no storage backend",
        modules: `${d.managedModuleNames.length} modules`,
        providers: `${d.managedProviderNames.length} providers`,
        ...(d.pollingIntervalMinutes !== undefined ? { polling: `polls every ${d.pollingIntervalMinutes} min` } : {}),
      },
    })),
    ...[...graph.modules.map((m) => ({ ...m, kind: "module" as const })), ...graph.providers.map((p) => ({ ...p, kind: "provider" as const }))].map((r) => ({
      id: r.id,
      kind: r.kind,
      label: r.name,
      namespace: r.namespace,
      href: `/${encodeURIComponent(r.namespace)}/${r.kind}/${encodeURIComponent(r.name)}`,
      detail: {
        sync: r.synced ? "synced" : (r.syncStatus ?? "not synced"),
        findings: worstFinding(r.scanCounts),
        ...(r.latestVersion ? { latest: `latest ${r.latestVersion}` } : {}),
      },
    })),
  ];
  for (const it of items) g.setNode(it.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of graph.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  return {
    nodeWidth: NODE_WIDTH,
    nodeHeight: NODE_HEIGHT,
    nodes: items.map((it) => {
      const p = g.node(it.id);
      return { ...it, x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) };
    }),
    edges: graph.edges,
  };
}
