"use client";

import { ReactFlow, ReactFlowProvider, useReactFlow, useStore, type Node, type Viewport } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import "./depots.css";
import Link from "next/link";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { GraphLayout, LaidOutNode } from "@/lib/browse/graph-layout";
import { cn } from "@/components/ui/cn";
import { ClusterMap } from "./cluster-map";
import { GraphControls } from "./graph-controls";
import { edgeTypes, FocusContext, nodeTypes, type GraphFocus, type RoutedEdgeType } from "./graph-nodes";
import { depotFacts, depotHref, resourceFacts, resourceHref } from "./graph-text";
import { useResolvedTheme, useWide } from "./use-media";

/** Node labels are 14 CSS px at zoom 1 (graph-nodes.tsx). */
export const LABEL_PX = 14;
/** The start view's smallest zoom: labels just over 12 px. */
const START_ZOOM = 12.1 / LABEL_PX;
/** Below this zoom labels would be under 8 px: the canvas draws one summary box per cluster. */
const SUMMARY_ZOOM = 8 / LABEL_PX;
const MIN_HEIGHT = 320;
const MARGIN = 16;

/**
 * The whole picture when it fits at a legible zoom; else the first cluster, whole when it fits,
 * else its top-left corner (the depot and its first rows) — never labels under 12 px.
 */
function clusterViewport(
  c: { x: number; y: number; width: number; height: number },
  w: number,
  h: number,
  centred = false,
): Viewport {
  const fit = Math.min((w - 2 * MARGIN) / c.width, (h - 2 * MARGIN) / c.height);
  const zoom = Math.min(1, Math.max(START_ZOOM, fit));
  // Left-aligned, so the clusters to its right show that there is more.
  const x = centred && fit >= START_ZOOM ? (w - c.width * zoom) / 2 : MARGIN;
  return { x: x - c.x * zoom, y: MARGIN - c.y * zoom, zoom };
}
function startViewport(layout: GraphLayout, w: number, h: number): Viewport {
  const all = { x: 0, y: 0, width: layout.width, height: layout.height };
  const first = layout.clusters[0];
  if (!first || Math.min((w - 2 * MARGIN) / all.width, (h - 2 * MARGIN) / all.height) >= START_ZOOM)
    return clusterViewport(all, w, h, true);
  return clusterViewport(first, w, h);
}

/** Fills the space from the canvas's top down to the bottom of the viewport, at least 320 px. */
function useFillHeight(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } | undefined {
  const [size, setSize] = useState<{ width: number; height: number }>();
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      const height = Math.max(MIN_HEIGHT, Math.floor(window.innerHeight - top - MARGIN));
      setSize((s) => (s && s.width === el.clientWidth && s.height === height ? s : { width: el.clientWidth, height }));
    };
    update();
    const seen = new ResizeObserver(update);
    seen.observe(el);
    window.addEventListener("resize", update);
    return () => {
      seen.disconnect();
      window.removeEventListener("resize", update);
    };
  }, [ref]);
  return size;
}

function focusNode(root: HTMLElement | null, id: string) {
  let tries = 0;
  const step = () => {
    const el = root?.querySelector<HTMLElement>(`[data-node-id="${CSS.escape(id)}"]`);
    if (el) el.focus({ preventScroll: true });
    else if (tries++ < 30) requestAnimationFrame(step);
  };
  step();
}

/** Publishes 1 / zoom as a CSS variable (summary text) and switches to the summary below SUMMARY_ZOOM. */
function ZoomWatcher({ root, onSummary }: { root: React.RefObject<HTMLElement | null>; onSummary(on: boolean): void }) {
  const zoom = useStore((s) => s.transform[2]);
  const summary = zoom < SUMMARY_ZOOM;
  useEffect(() => root.current?.style.setProperty("--depots-inv-zoom", String(1 / zoom)), [root, zoom]);
  useEffect(() => onSummary(summary), [onSummary, summary]);
  return null;
}

function NodePanel({
  node,
  byId,
  onClose,
  onJump,
}: {
  node: LaidOutNode;
  byId: ReadonlyMap<string, LaidOutNode>;
  onClose(): void;
  onJump(id: string): void;
}) {
  return (
    <aside
      aria-label="Node details"
      data-testid="node-panel"
      className="absolute inset-x-2 bottom-2 z-10 max-h-[60%] overflow-auto rounded-lg border border-line-strong bg-surface p-4 text-sm shadow-lg md:inset-x-auto md:top-2 md:right-2 md:bottom-auto md:w-80"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold [overflow-wrap:anywhere]">{node.name}</h2>
        <button
          type="button"
          onClick={onClose}
          className="rounded border border-line-strong px-2 py-0.5 text-xs"
          aria-label="Close details"
        >
          Close
        </button>
      </div>
      <p className="text-muted">
        {node.kind} in {node.namespace}
      </p>
      <ul className="mt-2 space-y-1">
        {(node.kind === "depot" ? depotFacts(node.facts) : resourceFacts(node.facts)).map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      {node.kind === "depot" ? (
        <Link href={depotHref(node.namespace, node.name)} className="mt-3 inline-block text-link underline">
          Show only this depot
        </Link>
      ) : (
        <>
          <h3 className="mt-3 font-semibold">Managed by</h3>
          <ul className="mt-1 space-y-1" data-testid="managed-by">
            {node.depots.map((d) => {
              const depot = byId.get(d);
              return (
                <li key={d}>
                  <button type="button" className="text-left text-link underline" onClick={() => onJump(d)}>
                    {depot ? `${depot.namespace}/${depot.name}` : d}
                  </button>
                </li>
              );
            })}
          </ul>
          {/* A plain link: pages change with a full load (the shell is rendered by the server). */}
          <a
            href={resourceHref(node.kind, node.namespace, node.name)}
            className="mt-3 inline-block text-link underline"
          >
            Open {node.name}
          </a>
        </>
      )}
    </aside>
  );
}

/** Before the first measurement; one object, so hooks that depend on the size stay stable. */
const NO_SIZE = { width: 0, height: 0 };

function Canvas({ layout, root }: { layout: GraphLayout; root: React.RefObject<HTMLDivElement | null> }) {
  const area = useRef<HTMLDivElement>(null);
  const size = useFillHeight(area) ?? NO_SIZE;
  const flow = useReactFlow();
  const theme = useResolvedTheme();
  const [open, setOpen] = useState<string>();
  const [found, setFound] = useState<string>();
  const [summary, setSummary] = useState(false);
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState("");
  const last = useRef<{ q: string; i: number }>(undefined);
  const byId = useMemo(() => new Map(layout.nodes.map((n) => [n.id, n])), [layout]);
  const W = layout.nodeWidth;
  const H = layout.nodeHeight;

  const full = useMemo(() => {
    const size = { width: W, height: H };
    const nodes: Node[] = [
      ...layout.clusters.map((c) => ({
        id: `cluster:${c.id}`,
        type: "cluster",
        position: { x: c.x, y: c.y },
        width: c.width,
        height: c.height,
        data: { cluster: c },
        selectable: false,
        focusable: false,
      })),
      ...layout.nodes.map((n) => ({
        id: n.id,
        type: "item",
        position: { x: n.x, y: n.y },
        ...size,
        data: { node: n },
      })),
    ];
    const edges: RoutedEdgeType[] = layout.edges.map((e) => ({
      id: `edge/${e.source}/${e.target}`,
      source: e.source,
      target: e.target,
      type: "routed",
      data: { points: e.points },
    }));
    return { nodes, edges };
  }, [layout, W, H]);
  const boxes = useMemo(
    () => ({
      nodes: layout.clusters.map((c) => ({
        id: `summary:${c.id}`,
        type: "summary",
        position: { x: c.x, y: c.y },
        width: c.width,
        height: c.height,
        data: { cluster: c },
      })) as Node[],
      edges: [] as RoutedEdgeType[],
    }),
    [layout],
  );
  const shown = summary ? boxes : full;

  const centre = useCallback(
    (id: string) => {
      const n = byId.get(id);
      if (!n) return;
      void flow.setCenter(n.x + W / 2, n.y + H / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 0 });
      focusNode(root.current, id);
    },
    [byId, flow, W, H, root],
  );
  const order = useMemo(() => new Map(layout.nodes.map((n, i) => [n.id, i])), [layout]);
  const step = useCallback(
    (id: string, dir: 1 | -1) => {
      const next = layout.nodes[(order.get(id) ?? -2) + dir];
      if (!next) return false;
      const el = root.current?.querySelector<HTMLElement>(`[data-node-id="${CSS.escape(next.id)}"]`);
      const c = area.current?.getBoundingClientRect();
      const r = el?.getBoundingClientRect();
      const inView = r && c && r.left >= c.left && r.right <= c.right && r.top >= c.top && r.bottom <= c.bottom;
      if (!inView) void flow.setCenter(next.x + W / 2, next.y + H / 2, { zoom: flow.getZoom(), duration: 0 });
      focusNode(root.current, next.id);
      return true;
    },
    [layout, order, flow, W, H, root],
  );
  const focus: GraphFocus = useMemo(
    () => ({
      open,
      found,
      onOpen: setOpen,
      onStep: step,
      onCluster: (id: string) => {
        const c = layout.clusters.find((x) => x.id === id);
        if (c) void flow.setViewport(clusterViewport(c, size.width, size.height), { duration: 0 });
        focusNode(root.current, id);
      },
    }),
    [open, found, step, layout, flow, size, root],
  );

  const find = () => {
    const t = query.trim().toLowerCase();
    if (!t) return setStatus("Type part of a name.");
    const hits = layout.nodes
      .filter((n) => n.name.toLowerCase().includes(t) || `${n.namespace}/${n.name}`.toLowerCase().includes(t))
      .sort((a, b) => Number(b.name.toLowerCase() === t) - Number(a.name.toLowerCase() === t));
    if (hits.length === 0) {
      setFound(undefined);
      return setStatus(`No node matches “${query.trim()}”.`);
    }
    const i = last.current?.q === t ? (last.current.i + 1) % hits.length : 0;
    last.current = { q: t, i };
    const hit = hits[i]!;
    setFound(hit.id);
    setStatus(
      `${hits.length === 1 ? "1 match" : `Match ${i + 1} of ${hits.length} (Find again for the next)`}: ${hit.kind} ${hit.namespace}/${hit.name}`,
    );
    centre(hit.id);
  };

  const selected = open ? byId.get(open) : undefined;
  return (
    <FocusContext.Provider value={focus}>
      <form
        role="search"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          find();
        }}
      >
        <label className="text-sm">
          <span className="block text-xs font-medium">Find a node</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="w-56 max-w-full rounded border border-line-strong bg-surface px-2 py-1"
            placeholder="name"
          />
        </label>
        <button type="submit" className="rounded border border-line-strong px-3 py-1 text-sm">
          Find
        </button>
        <p aria-live="polite" className="min-h-5 min-w-0 truncate text-sm" data-testid="find-status">
          {status}
        </p>
      </form>
      <div
        className={cn(
          "depots-graph relative mt-2 overflow-hidden rounded-lg border border-line",
          theme === "dark" && "dark",
        )}
        ref={area}
        style={{ height: size.height || "max(320px, calc(100dvh - 20rem))" }}
        data-testid="graph-canvas"
        data-summary={summary ? "true" : "false"}
        onKeyDown={(e) => {
          if (e.key === "Escape" && open) {
            e.preventDefault();
            const was = open;
            setOpen(undefined);
            focusNode(root.current, was);
          }
        }}
      >
        {size.width > 0 ? (
          <ReactFlow
            nodes={shown.nodes}
            edges={shown.edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            colorMode={theme}
            defaultViewport={startViewport(layout, size.width, size.height)}
            onlyRenderVisibleElements
            minZoom={0.01}
            maxZoom={2}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            proOptions={{ hideAttribution: true }}
          >
            <ZoomWatcher root={root} onSummary={setSummary} />
            <GraphControls
              onStart={() => void flow.setViewport(startViewport(layout, size.width, size.height), { duration: 200 })}
            />
            <ClusterMap layout={layout} />
          </ReactFlow>
        ) : null}
        {selected ? (
          <NodePanel
            node={selected}
            byId={byId}
            onClose={() => setOpen(undefined)}
            onJump={(id) => {
              setOpen(id);
              centre(id);
            }}
          />
        ) : null}
      </div>
    </FocusContext.Provider>
  );
}

/**
 * The depot clusters, laid out on the server (lib/browse/graph-layout.ts), drawn only in the
 * browser: server HTML for thousands of nodes would cost every request and show nothing a screen
 * reader could use (the list view is for that). `auto`: the page also rendered the list, shown
 * below 768 px; the canvas then mounts only from 768 px up.
 */
export function DepotGraph({ layout, auto = false }: { layout: GraphLayout; auto?: boolean }) {
  const wide = useWide();
  const root = useRef<HTMLDivElement>(null);
  const mounted = wide !== undefined && (!auto || wide);
  return (
    <div ref={root} className="mt-3 min-w-0" data-testid="graph-area">
      {mounted ? (
        <ReactFlowProvider>
          <Canvas layout={layout} root={root} />
        </ReactFlowProvider>
      ) : (
        <div
          className="rounded-lg border border-line"
          style={{ height: "max(320px, calc(100dvh - 18rem))" }}
          aria-busy="true"
        />
      )}
    </div>
  );
}
