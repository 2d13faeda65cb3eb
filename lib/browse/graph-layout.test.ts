// The Depots layout (issue 12): clusters tiled in rows and columns, a landscape picture, each
// resource once, nothing overlapping, and no edge passing under a node — for any graph.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GraphResponse } from "./graph";
import { layoutGraph, TARGET_ASPECT, type GraphLayout } from "./graph-layout";

type Body = Omit<GraphResponse, "generatedAt">;

/** `sizes[i]` resources for depot i; `shared[k]` makes resource k also managed by depot k+1's successor. */
function graphOf(sizes: number[], shared: [number, number][] = [], unmanaged = 0): Body {
  const depots: Body["depots"] = sizes.map((_, i) => ({
    id: `depot/ns/d${i}`,
    namespace: "ns",
    name: `d${i}`,
    managedModuleNames: [],
    managedProviderNames: [],
  }));
  const modules: Body["modules"] = [];
  const providers: Body["providers"] = [];
  const edges: Body["edges"] = [];
  const link = (d: number, id: string) => {
    const e = { id: `edge/depot/ns/d${d}/${id}`, source: `depot/ns/d${d}`, target: id };
    if (!edges.some((x) => x.id === e.id)) edges.push(e);
  };
  sizes.forEach((n, d) => {
    for (let i = 0; i < n; i++) {
      const isProvider = i % 5 === 4;
      const id = `${isProvider ? "provider" : "module"}/ns/r${d}-${i}`;
      const node = {
        id,
        namespace: "ns",
        name: `r${d}-${i}`,
        registryName: `r${d}-${i}`,
        synced: true,
        depotID: `depot/ns/d${d}`,
      };
      if (isProvider) providers.push(node);
      else
        modules.push({
          ...node,
          scanCounts: { critical: i % 7 === 0 ? 1 : 0, high: 0, medium: 1, low: 0, unknown: 0 },
        });
      link(d, id);
    }
  });
  for (const [from, to] of shared) {
    const target = [...modules, ...providers].find((r) => r.depotID === `depot/ns/d${to}`);
    if (target && from !== to) link(from, target.id);
  }
  for (let i = 0; i < unmanaged; i++)
    modules.push({ id: `module/ns/u${i}`, namespace: "ns", name: `u${i}`, registryName: `u${i}`, synced: false });
  return {
    depots,
    modules,
    providers,
    edges,
    summary: {
      totalDepots: depots.length,
      totalModules: modules.length,
      totalProviders: providers.length,
      totalNodesInScope: 0,
    },
    truncated: false,
  };
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const boxes = (l: GraphLayout): (Box & { id: string })[] =>
  l.nodes.map((n) => ({ id: n.id, x: n.x, y: n.y, w: l.nodeWidth, h: l.nodeHeight }));
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
/** An axis-parallel segment crossing a box's open interior. */
function crossesInterior(x1: number, y1: number, x2: number, y2: number, b: Box): boolean {
  const [lx, hx, ly, hy] = [Math.min(x1, x2), Math.max(x1, x2), Math.min(y1, y2), Math.max(y1, y2)];
  return lx < b.x + b.w && hx > b.x && ly < b.y + b.h && hy > b.y;
}

/** Every broken rule, as text (plain loops: thousands of expect() calls would be slow). */
function problems(l: GraphLayout, g: Body): string[] {
  const out: string[] = [];
  const all = boxes(l);
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++)
      if (overlap(all[i]!, all[j]!)) out.push(`${all[i]!.id} overlaps ${all[j]!.id}`);
  if (new Set(l.nodes.map((n) => n.id)).size !== l.nodes.length) out.push("a node is drawn twice");
  const byId = new Map(l.nodes.map((n) => [n.id, n]));
  const want = g.edges.filter((e) => byId.has(e.target)).map((e) => e.id);
  if (JSON.stringify(l.edges.map((e) => `edge/${e.source}/${e.target}`)) !== JSON.stringify(want))
    out.push("edges differ from the response's drawn ones");
  for (const e of l.edges) {
    const p = e.points;
    const id = `${e.source} → ${e.target}`;
    for (let i = 0; i + 3 < p.length; i += 2) {
      if (p[i] !== p[i + 2] && p[i + 1] !== p[i + 3]) out.push(`${id} has a diagonal segment`);
      for (const b of all)
        if (crossesInterior(p[i]!, p[i + 1]!, p[i + 2]!, p[i + 3]!, b)) out.push(`${id} passes under ${b.id}`);
    }
    const src = byId.get(e.source)!;
    const dst = byId.get(e.target)!;
    if (p[0] !== src.x + l.nodeWidth / 2 || p[1] !== src.y + l.nodeHeight)
      out.push(`${id} does not start at its depot`);
    if (p.at(-2) !== dst.x || p.at(-1) !== dst.y + l.nodeHeight / 2) out.push(`${id} does not end at its resource`);
  }
  const clusters = new Map(l.clusters.map((c) => [c.id, c]));
  for (const n of l.nodes) {
    const c = clusters.get(n.cluster)!;
    if (!(n.x >= c.x && n.x + l.nodeWidth <= c.x + c.width && n.y >= c.y && n.y + l.nodeHeight <= c.y + c.height))
      out.push(`${n.id} outside its cluster`);
  }
  for (let i = 0; i < l.clusters.length; i++) {
    for (let j = i + 1; j < l.clusters.length; j++) {
      const [a, b] = [l.clusters[i]!, l.clusters[j]!];
      if (overlap({ x: a.x, y: a.y, w: a.width, h: a.height }, { x: b.x, y: b.y, w: b.width, h: b.height }))
        out.push(`${a.id} overlaps ${b.id}`);
    }
  }
  return out.slice(0, 10);
}
const check = (l: GraphLayout, g: Body) => expect(problems(l, g)).toEqual([]);

describe("layoutGraph", () => {
  it("tiles a depot's resources in rows and columns under it, not in one column", () => {
    const g = graphOf([24]);
    const l = layoutGraph(g);
    const xs = new Set(l.nodes.filter((n) => n.kind !== "depot").map((n) => n.x));
    const ys = new Set(l.nodes.filter((n) => n.kind !== "depot").map((n) => n.y));
    expect(xs.size).toBeGreaterThan(2);
    expect(ys.size).toBeGreaterThan(2);
    const depot = l.nodes[0]!;
    expect(depot.kind).toBe("depot");
    for (const n of l.nodes.slice(1)) expect(n.y).toBeGreaterThan(depot.y);
    check(l, g);
  });

  it("draws a resource managed by two depots once, with an edge from each, and skips unmanaged ones", () => {
    const g = graphOf([3, 4], [[0, 1]], 5);
    const l = layoutGraph(g);
    const shared = g.edges.at(-1)!.target;
    expect(l.nodes.filter((n) => n.id === shared)).toHaveLength(1);
    expect(l.edges.filter((e) => e.target === shared).map((e) => e.source)).toEqual(["depot/ns/d1", "depot/ns/d0"]);
    const node = l.nodes.find((n) => n.id === shared)!;
    expect(node.kind !== "depot" && node.depots).toEqual(["depot/ns/d1", "depot/ns/d0"]);
    expect(node.cluster).toBe("depot/ns/d1");
    expect(l.unmanaged).toBe(5);
    expect(l.clusters.map((c) => [c.id, c.resources, c.shared])).toEqual([
      ["depot/ns/d0", 3, 1],
      ["depot/ns/d1", 4, 0],
    ]);
    check(l, g);
  });

  it("packs many clusters into a landscape picture in reading order", () => {
    const g = graphOf(Array.from({ length: 40 }, (_, i) => 1 + ((i * 7) % 30)));
    const l = layoutGraph(g);
    expect(l.width / l.height).toBeGreaterThan(TARGET_ASPECT / 2);
    expect(l.width / l.height).toBeLessThan(TARGET_ASPECT * 2);
    const order = l.clusters.map((c) => [c.y, c.x] as const);
    for (let i = 1; i < order.length; i++)
      expect(
        order[i]![0] > order[i - 1]![0] || (order[i]![0] === order[i - 1]![0] && order[i]![1] > order[i - 1]![1]),
      ).toBe(true);
    check(l, g);
  });

  it("colours a cluster by the worst finding it draws or reaches", () => {
    const l = layoutGraph(graphOf([1, 6]));
    expect(l.clusters.map((c) => c.worst)).toEqual(["critical", "critical"]);
    expect(layoutGraph(graphOf([0])).clusters[0]).toMatchObject({ worst: "unscanned", resources: 0 });
  });

  it("never overlaps and never routes an edge under a node (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(40), { minLength: 1, maxLength: 14 }),
        fc.array(fc.tuple(fc.nat(13), fc.nat(13)), { maxLength: 12 }),
        (sizes, shared) => {
          const g = graphOf(
            sizes,
            shared.filter(([a, b]) => a < sizes.length && b < sizes.length),
          );
          check(layoutGraph(g), g);
        },
      ),
      { numRuns: 60 },
    );
  });
});
