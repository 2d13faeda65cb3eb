"use client";

import { Background, Controls, Handle, Position, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import Link from "next/link";
import { useMemo, useState, useSyncExternalStore } from "react";
import type { GraphLayout, LaidOutNode } from "@/lib/browse/graph-layout";

type NodeData = LaidOutNode & { width: number; height: number; highlighted: boolean; onOpen: (id: string) => void } & Record<string, unknown>;

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
      style={{ width: data.width, height: data.height }}
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

function flowElements(layout: GraphLayout, highlight: string | undefined, onOpen: (id: string) => void): { nodes: Node<NodeData>[]; edges: Edge[] } {
  const size = { width: layout.nodeWidth, height: layout.nodeHeight };
  return {
    nodes: layout.nodes.map((n) => ({ id: n.id, type: "item", position: { x: n.x, y: n.y }, ...size, data: { ...n, ...size, highlighted: n.id === highlight, onOpen } })),
    edges: layout.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

function Canvas({ layout }: { layout: GraphLayout }) {
  const [open, setOpen] = useState<string | undefined>();
  const [search, setSearch] = useState("");
  const [highlight, setHighlight] = useState<string | undefined>();
  const flow = useReactFlow();
  const { nodes, edges } = useMemo(() => flowElements(layout, highlight, setOpen), [layout, highlight]);
  const W = layout.nodeWidth;
  const H = layout.nodeHeight;
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
          <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} onlyRenderVisibleElements fitView fitViewOptions={{ minZoom: 0.35, maxZoom: 1 }} minZoom={0.05} nodesDraggable={false} nodesConnectable={false} proOptions={{ hideAttribution: true }}>
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

const subscribeNever = () => () => undefined;

/**
 * The depot graph, laid out on the server (lib/browse/graph-layout.ts); panel on click or Enter.
 * Drawn only in the browser: server HTML for thousands of nodes would cost every request and
 * show nothing a screen reader could use (the list view is for that).
 */
export function DepotGraph({ layout }: { layout: GraphLayout }) {
  const mounted = useSyncExternalStore(subscribeNever, () => true, () => false);
  if (!mounted) return <div className="mt-4 h-[600px] rounded-lg border border-slate-200 dark:border-slate-800" data-testid="graph-canvas" aria-busy="true" />;
  return (
    <ReactFlowProvider>
      <Canvas layout={layout} />
    </ReactFlowProvider>
  );
}
