"use client";

import dagre from "@dagrejs/dagre";
import { Background, Controls, Handle, Position, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import Link from "next/link";
import { useMemo, useState } from "react";
import type { GraphResponse } from "@/lib/browse/graph";
import type { ScanCounts } from "@/lib/registry/findings";

type Kind = "depot" | "module" | "provider";
interface BaseData {
  kind: Kind;
  label: string;
  namespace: string;
  detail: Record<string, string>;
  href?: string;
}
type NodeData = BaseData & { highlighted: boolean; onOpen: (id: string) => void } & Record<string, unknown>;

const W = 220;
const H = 64;

function worst(c: ScanCounts | undefined): string {
  if (!c) return "not scanned";
  for (const k of ["critical", "high", "medium", "low", "unknown"] as const) if (c[k] > 0) return `${c[k]} ${k}`;
  return "no findings";
}

function GraphNode({ id, data }: NodeProps<Node<NodeData>>) {
  const tone = data.kind === "depot" ? "border-violet-500" : data.kind === "module" ? "border-blue-500" : "border-emerald-600";
  return (
    <div
      role="button"
      tabIndex={0}
      aria-label={`${data.kind} ${data.namespace}/${data.label}. ${Object.values(data.detail).join(", ")}. Press Enter for details.`}
      onClick={() => data.onOpen(id)}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          data.onOpen(id);
        }
      }}
      className={`rounded-md border-2 bg-white px-2 py-1 text-left text-xs text-slate-900 shadow-sm dark:bg-slate-900 dark:text-slate-100 ${tone} ${data.highlighted ? "ring-4 ring-amber-400" : ""}`}
      style={{ width: W, height: H }}
    >
      <Handle type="target" position={Position.Left} />
      <div className="font-semibold uppercase tracking-wide text-[10px] text-slate-600 dark:text-slate-300">{data.kind}</div>
      <div className="truncate font-semibold">{data.label}</div>
      <div className="truncate text-slate-700 dark:text-slate-300">{data.kind === "depot" ? data.detail.storage : `${data.detail.sync} · ${data.detail.findings}`}</div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const nodeTypes = { item: GraphNode };

function layout(graph: GraphResponse, highlight: string | undefined, onOpen: (id: string) => void): { nodes: Node<NodeData>[]; edges: Edge[] } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 16, ranksep: 90 });
  g.setDefaultEdgeLabel(() => ({}));
  const items: { id: string; data: BaseData }[] = [
    ...graph.depots.map((d) => ({
      id: d.id,
      data: { kind: "depot" as const, label: d.name, namespace: d.namespace, detail: { storage: d.storageBackend ? `storage: ${d.storageBackend}` : "no storage backend", modules: `${d.managedModuleNames.length} modules`, providers: `${d.managedProviderNames.length} providers`, ...(d.pollingIntervalMinutes !== undefined ? { polling: `polls every ${d.pollingIntervalMinutes} min` } : {}) } },
    })),
    ...[...graph.modules.map((m) => ({ ...m, kind: "module" as const })), ...graph.providers.map((p) => ({ ...p, kind: "provider" as const }))].map((r) => ({
      id: r.id,
      data: {
        kind: r.kind,
        label: r.name,
        namespace: r.namespace,
        href: `/${encodeURIComponent(r.namespace)}/${r.kind}/${encodeURIComponent(r.name)}`,
        detail: { sync: r.synced ? "synced" : r.syncStatus ?? "not synced", findings: worst(r.scanCounts), ...(r.latestVersion ? { latest: `latest ${r.latestVersion}` } : {}) },
      },
    })),
  ];
  for (const it of items) g.setNode(it.id, { width: W, height: H });
  for (const e of graph.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  return {
    nodes: items.map((it) => {
      const p = g.node(it.id);
      return { id: it.id, type: "item", position: { x: p.x - W / 2, y: p.y - H / 2 }, data: { ...it.data, highlighted: it.id === highlight, onOpen } };
    }),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

function Canvas({ graph }: { graph: GraphResponse }) {
  const [open, setOpen] = useState<string | undefined>();
  const [search, setSearch] = useState("");
  const [highlight, setHighlight] = useState<string | undefined>();
  const flow = useReactFlow();
  const { nodes, edges } = useMemo(() => layout(graph, highlight, setOpen), [graph, highlight]);
  const selected = nodes.find((n) => n.id === open);
  const find = () => {
    const t = search.trim().toLowerCase();
    const hit = nodes.find((n) => n.data.label.toLowerCase().includes(t));
    if (!t || !hit) return setHighlight(undefined);
    setHighlight(hit.id);
    void flow.setCenter(hit.position.x + W / 2, hit.position.y + H / 2, { zoom: 1.2, duration: 300 });
    // Move keyboard focus to the node so Enter opens its panel.
    setTimeout(() => (document.querySelector(`[data-id="${CSS.escape(hit.id)}"] [role="button"]`) as HTMLElement | null)?.focus(), 350);
  };
  return (
    <div className="mt-4">
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
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900" placeholder="name" />
        </label>
        <button type="submit" className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-600">
          Find
        </button>
        {highlight === undefined && search.trim() !== "" ? <span className="text-sm">No match yet — press Find.</span> : null}
      </form>
      <div className="mt-3 flex flex-col gap-3 lg:flex-row">
        <div className="h-[560px] min-w-0 flex-1 rounded-lg border border-slate-200 dark:border-slate-800" data-testid="graph-canvas">
          <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView fitViewOptions={{ minZoom: 0.35, maxZoom: 1 }} minZoom={0.05} nodesDraggable={false} nodesConnectable={false} proOptions={{ hideAttribution: true }}>
            <Background />
            <Controls showInteractive={false} />
          </ReactFlow>
        </div>
        {selected ? (
          <aside aria-label="Node details" className="rounded-lg border border-slate-200 p-4 text-sm lg:w-72 dark:border-slate-800" data-testid="node-panel">
            <div className="flex items-start justify-between gap-2">
              <h2 className="font-semibold break-all">{selected.data.label}</h2>
              <button type="button" onClick={() => setOpen(undefined)} className="rounded border border-slate-300 px-2 text-xs dark:border-slate-600" aria-label="Close details">
                Close
              </button>
            </div>
            <p className="text-slate-700 dark:text-slate-300">
              {selected.data.kind} in {selected.data.namespace}
            </p>
            <ul className="mt-2 space-y-1">
              {Object.entries(selected.data.detail).map(([k, v]) => (
                <li key={k}>{v}</li>
              ))}
            </ul>
            {selected.data.href ? (
              <Link href={selected.data.href} className="mt-3 inline-block text-blue-700 underline dark:text-blue-300">
                Open {selected.data.label}
              </Link>
            ) : (
              <Link href={`/depots?depot=${encodeURIComponent(`${selected.data.namespace}/${selected.data.label}`)}`} className="mt-3 inline-block text-blue-700 underline dark:text-blue-300">
                Show only this depot
              </Link>
            )}
          </aside>
        ) : null}
      </div>
    </div>
  );
}

/** The depot graph: laid out with dagre in the browser (elkjs never ships here), panel on click or Enter. */
export function DepotGraph({ graph }: { graph: GraphResponse }) {
  return (
    <ReactFlowProvider>
      <Canvas graph={graph} />
    </ReactFlowProvider>
  );
}
