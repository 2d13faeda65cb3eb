// The Depots page's layout (issue 12): each depot is a cluster — the depot on top, the resources it
// manages tiled in rows and columns below — and the clusters are packed in shelves towards a
// landscape picture. Edges are routed orthogonally through the gaps the grid leaves (the band under
// a depot, the gutter left of every column, the channels between clusters and shelves), so no edge
// passes under a node. Computed on the server and cached per (snapshot, Viewer class, query).
//
// Own grid packing rather than ELK or dagre: both rank a depot → resource graph into one tall
// column per depot (what made the old page unreadable); tiling is what we want, and it is O(n).
// The result is data only (no UI text or URLs): components/depots formats it.

import type { ScanCounts } from "../registry/findings";
import type { GraphResponse } from "./graph";

export const NODE_WIDTH = 224;
/** Room for a name on two lines and one line of facts. */
export const NODE_HEIGHT = 64;
/** Gap left of every column of a cluster, where its edges run. */
const GUTTER = 40;
const ROW_GAP = 16;
/** Between a depot and the first row of its resources, where its edges fan out. */
const BAND = 40;
const PAD = 16;
/** Between clusters and between shelves, where edges between clusters run. */
const CLUSTER_GAP = 64;
/** The whole picture's width : height: the canvas below the page header on a laptop or desktop. */
export const TARGET_ASPECT = 2;

export type Worst = "critical" | "high" | "medium" | "low" | "unknown" | "none" | "unscanned";

export interface DepotFacts {
  readonly storageBackend?: string;
  readonly pollingIntervalMinutes?: number;
  readonly modules: number;
  readonly providers: number;
}
export interface ResourceFacts {
  readonly synced: boolean;
  /** Only when not synced (the status message of a synced resource says nothing more). */
  readonly syncStatus?: string;
  readonly latestVersion?: string;
  readonly worst: Worst;
  /** Findings of the worst severity (0 for "none" and "unscanned"). */
  readonly worstCount: number;
}

interface NodeBase {
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
  /** The depot id of the cluster the node is drawn in. */
  readonly cluster: string;
}
export type LaidOutNode =
  | (NodeBase & { readonly kind: "depot"; readonly facts: DepotFacts })
  | (NodeBase & {
      readonly kind: "module" | "provider";
      readonly facts: ResourceFacts;
      readonly depots: readonly string[];
    });

export interface LaidOutCluster {
  /** The depot's id. */
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Resources drawn in this cluster, and those it manages drawn in another depot's. */
  readonly resources: number;
  readonly shared: number;
  readonly worst: Worst;
}

/** Its id is `edge/{source}/{target}` (docs/browse-api.md §6.7), left out: it would be a third of the payload. */
export interface LaidOutEdge {
  readonly source: string;
  readonly target: string;
  /** Polyline `[x0, y0, x1, y1, …]`, from the depot's bottom to the resource's left side. */
  readonly points: readonly number[];
}

export interface GraphLayout {
  readonly nodeWidth: number;
  readonly nodeHeight: number;
  readonly width: number;
  readonly height: number;
  /** In reading order: shelf by shelf, left to right. */
  readonly clusters: readonly LaidOutCluster[];
  /** In reading order: each cluster's depot, then its resources row by row. */
  readonly nodes: readonly LaidOutNode[];
  readonly edges: readonly LaidOutEdge[];
  /** Resources of the response managed by no depot in it: not drawn (the list view has them). */
  readonly unmanaged: number;
}

const SEVERITIES = ["critical", "high", "medium", "low", "unknown"] as const;
const RANK: ReadonlyMap<Worst, number> = new Map<Worst, number>([
  ...SEVERITIES.map((s, i) => [s, i] as const),
  ["none", 5],
  ["unscanned", 6],
]);

function worstOf(c: ScanCounts | undefined): { worst: Worst; worstCount: number } {
  if (!c) return { worst: "unscanned", worstCount: 0 };
  for (const k of SEVERITIES) if (c[k] > 0) return { worst: k, worstCount: c[k] };
  return { worst: "none", worstCount: 0 };
}

/** The worse of two (a scanned "none" beats "unscanned": it says more). */
export function worse(a: Worst, b: Worst): Worst {
  return RANK.get(a)! <= RANK.get(b)! ? a : b;
}

type Resource = GraphResponse["modules"][number] | GraphResponse["providers"][number];
interface Cluster {
  depot: GraphResponse["depots"][number];
  members: { r: Resource; kind: "module" | "provider" }[];
  cols: number;
  rows: number;
  width: number;
  height: number;
  x: number;
  y: number;
  shelf: number;
}

const cellW = NODE_WIDTH + GUTTER;
const cellH = NODE_HEIGHT + ROW_GAP;

function shapeCluster(c: Cluster): void {
  const n = c.members.length;
  // Columns for a cluster of about the picture's aspect ratio.
  c.cols = n === 0 ? 1 : Math.min(n, Math.ceil(Math.sqrt((n * TARGET_ASPECT * cellH) / cellW)));
  c.rows = Math.ceil(n / c.cols);
  c.width = PAD + c.cols * cellW + PAD;
  c.height = n === 0 ? PAD + NODE_HEIGHT + PAD : PAD + NODE_HEIGHT + BAND + c.rows * cellH - ROW_GAP + PAD;
}

interface Packing {
  width: number;
  height: number;
  shelves: { y: number; height: number }[];
  at: { x: number; y: number; shelf: number }[];
}

/** Shelves no wider than `target`; every shelf starts at x = 0 (so the channel left of it is free). */
function shelvesOf(clusters: readonly Cluster[], target: number): Packing {
  const shelves: { y: number; height: number }[] = [];
  const at: Packing["at"] = [];
  let x = 0;
  let y = 0;
  let shelfH = 0;
  let width = 0;
  for (const c of clusters) {
    if (x > 0 && x + c.width > target) {
      shelves.push({ y, height: shelfH });
      y += shelfH + CLUSTER_GAP;
      x = 0;
      shelfH = 0;
    }
    at.push({ x, y, shelf: shelves.length });
    x += c.width + CLUSTER_GAP;
    shelfH = Math.max(shelfH, c.height);
    width = Math.max(width, x - CLUSTER_GAP);
  }
  if (clusters.length > 0) shelves.push({ y, height: shelfH });
  return { width, height: y + shelfH, shelves, at };
}

/** Tries a range of shelf widths and keeps the picture closest to TARGET_ASPECT (O(n) each). */
function pack(clusters: Cluster[]): { width: number; height: number; shelves: { y: number; height: number }[] } {
  const area = clusters.reduce((s, c) => s + (c.width + CLUSTER_GAP) * (c.height + CLUSTER_GAP), 0);
  const widest = clusters.reduce((m, c) => Math.max(m, c.width), 0);
  const ideal = Math.sqrt(area * TARGET_ASPECT);
  let best: Packing | undefined;
  let bestScore = Infinity;
  for (let f = 0.5; f <= 2.5; f += 0.1) {
    const p = shelvesOf(clusters, Math.max(widest, ideal * f));
    const score = Math.abs(Math.log(p.width / Math.max(1, p.height) / TARGET_ASPECT));
    if (score < bestScore - 1e-9) {
      best = p;
      bestScore = score;
    }
  }
  const p = best ?? shelvesOf(clusters, widest);
  clusters.forEach((c, i) => Object.assign(c, p.at[i]));
  return p;
}

const depotBox = (c: Cluster) => ({ x: c.x + PAD + GUTTER, y: c.y + PAD });
const bandY = (c: Cluster) => c.y + PAD + NODE_HEIGHT + BAND / 2;
const slot = (c: Cluster, i: number) => ({
  x: c.x + PAD + GUTTER + (i % c.cols) * cellW,
  y: c.y + PAD + NODE_HEIGHT + BAND + Math.floor(i / c.cols) * cellH,
});

/** Lanes spread the edges that share a channel, so each can be followed (±15 px stays in the gaps). */
const lane = (i: number) => ((i % 7) - 3) * 5;

/** From the depot's bottom down into the band under it. */
function start(from: Cluster, off: number): number[] {
  const d = depotBox(from);
  const sx = d.x + NODE_WIDTH / 2;
  return [sx, d.y + NODE_HEIGHT, sx, bandY(from) + off];
}

/** From the target cluster's band along the gutter left of the resource's column into its left side. */
function finish(points: number[], to: Cluster, at: { x: number; y: number }, off: number): number[] {
  const gx = at.x - GUTTER / 2 + off;
  const cy = at.y + NODE_HEIGHT / 2;
  points.push(gx, bandY(to) + off, gx, cy, at.x, cy);
  return points;
}

/** Out of the source cluster's band to the channel left of it, along shelf channels to the target's. */
function crossRoute(
  from: Cluster,
  to: Cluster,
  off: number,
  shelves: readonly { y: number; height: number }[],
): number[] {
  const points = start(from, off);
  const xa = from.x - CLUSTER_GAP / 2 + off;
  const xb = to.x - CLUSTER_GAP / 2 + off;
  const below = (s: number) => shelves[s]!.y + shelves[s]!.height + CLUSTER_GAP / 2 + off;
  const above = (s: number) => shelves[s]!.y - CLUSTER_GAP / 2 + off;
  points.push(xa, bandY(from) + off);
  const down = to.shelf >= from.shelf;
  const y1 = down ? below(from.shelf) : above(from.shelf);
  if (Math.abs(from.shelf - to.shelf) <= 1) {
    points.push(xa, y1, xb, y1);
  } else {
    // Shelves in between: round them through the channel left of every shelf (all start at x = 0).
    const left = -CLUSTER_GAP / 2 + off;
    const y2 = down ? above(to.shelf) : below(to.shelf);
    points.push(xa, y1, left, y1, left, y2, xb, y2);
  }
  points.push(xb, bandY(to) + off);
  return points;
}

/** Drops repeated points and points in the middle of a straight run. */
function simplify(p: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.length; i += 2) {
    const x = p[i]!;
    const y = p[i + 1]!;
    const n = out.length;
    if (n >= 2 && out[n - 2] === x && out[n - 1] === y) continue;
    if (n >= 4) {
      const [ax, ay, bx, by] = [out[n - 4]!, out[n - 3]!, out[n - 2]!, out[n - 1]!];
      if ((ax === bx && bx === x) || (ay === by && by === y)) {
        out[n - 2] = x;
        out[n - 1] = y;
        continue;
      }
    }
    out.push(x, y);
  }
  return out;
}

export function layoutGraph(graph: Omit<GraphResponse, "generatedAt">): GraphLayout {
  const resources = new Map<string, { r: Resource; kind: "module" | "provider" }>();
  for (const m of graph.modules) resources.set(m.id, { r: m, kind: "module" });
  for (const p of graph.providers) resources.set(p.id, { r: p, kind: "provider" });
  const clusters = new Map<string, Cluster>(
    graph.depots.map((d) => [
      d.id,
      { depot: d, members: [], cols: 1, rows: 0, width: 0, height: 0, x: 0, y: 0, shelf: 0 },
    ]),
  );
  const depotsOf = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!clusters.has(e.source) || !resources.has(e.target)) continue;
    const list = depotsOf.get(e.target) ?? [];
    if (!list.includes(e.source)) list.push(e.source);
    depotsOf.set(e.target, list);
  }
  // A resource is drawn once, in its managing depot's cluster when that depot is drawn, else in
  // the first depot's that lists it.
  const home = new Map<string, Cluster>();
  for (const [id, depots] of depotsOf) {
    const entry = resources.get(id)!;
    const preferred = entry.r.depotID !== undefined && depots.includes(entry.r.depotID) ? entry.r.depotID : depots[0]!;
    const c = clusters.get(preferred)!;
    c.members.push(entry);
    home.set(id, c);
  }
  const order = (a: { r: Resource; kind: string }, b: { r: Resource; kind: string }) =>
    a.kind !== b.kind
      ? a.kind === "module"
        ? -1
        : 1
      : a.r.name < b.r.name
        ? -1
        : a.r.name > b.r.name
          ? 1
          : a.r.namespace < b.r.namespace
            ? -1
            : 1;
  const list = [...clusters.values()];
  for (const c of list) {
    c.members.sort(order);
    shapeCluster(c);
  }
  const { width, height, shelves } = pack(list);

  const nodes: LaidOutNode[] = [];
  const slots = new Map<string, { x: number; y: number }>();
  const worstOfCluster = new Map<string, Worst>();
  for (const c of list) {
    const d = depotBox(c);
    nodes.push({
      id: c.depot.id,
      kind: "depot",
      name: c.depot.name,
      namespace: c.depot.namespace,
      x: d.x,
      y: d.y,
      cluster: c.depot.id,
      facts: {
        ...(c.depot.storageBackend !== undefined ? { storageBackend: c.depot.storageBackend } : {}),
        ...(c.depot.pollingIntervalMinutes !== undefined
          ? { pollingIntervalMinutes: c.depot.pollingIntervalMinutes }
          : {}),
        modules: c.depot.managedModuleNames.length,
        providers: c.depot.managedProviderNames.length,
      },
    });
    let w: Worst = "unscanned";
    c.members.forEach(({ r, kind }, i) => {
      const at = slot(c, i);
      slots.set(r.id, at);
      const facts = worstOf(r.scanCounts);
      w = worse(w, facts.worst);
      nodes.push({
        id: r.id,
        kind,
        name: r.name,
        namespace: r.namespace,
        x: at.x,
        y: at.y,
        cluster: c.depot.id,
        depots: depotsOf.get(r.id)!,
        facts: {
          synced: r.synced,
          ...(!r.synced && r.syncStatus !== undefined ? { syncStatus: r.syncStatus } : {}),
          ...(r.latestVersion !== undefined ? { latestVersion: r.latestVersion } : {}),
          ...facts,
        },
      });
    });
    worstOfCluster.set(c.depot.id, w);
  }

  const edges: LaidOutEdge[] = [];
  const sharedOf = new Map<string, number>();
  let crossIndex = 0;
  for (const e of graph.edges) {
    const from = clusters.get(e.source);
    const to = home.get(e.target);
    const at = slots.get(e.target);
    if (!from || !to || !at) continue;
    let points: number[];
    if (from === to) {
      points = finish(start(from, 0), to, at, 0);
    } else {
      const off = lane(crossIndex++);
      points = finish(crossRoute(from, to, off, shelves), to, at, off);
      sharedOf.set(from.depot.id, (sharedOf.get(from.depot.id) ?? 0) + 1);
      worstOfCluster.set(
        from.depot.id,
        worse(worstOfCluster.get(from.depot.id)!, worstOf(resources.get(e.target)!.r.scanCounts).worst),
      );
    }
    edges.push({ source: e.source, target: e.target, points: simplify(points) });
  }

  return {
    nodeWidth: NODE_WIDTH,
    nodeHeight: NODE_HEIGHT,
    width,
    height,
    clusters: list.map((c) => ({
      id: c.depot.id,
      name: c.depot.name,
      namespace: c.depot.namespace,
      x: c.x,
      y: c.y,
      width: c.width,
      height: c.height,
      resources: c.members.length,
      shared: sharedOf.get(c.depot.id) ?? 0,
      worst: worstOfCluster.get(c.depot.id)!,
    })),
    nodes,
    edges,
    unmanaged: resources.size - home.size,
  };
}
