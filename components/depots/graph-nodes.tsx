"use client";

// The canvas's node and edge types. Nodes read what is highlighted from a context, so opening a
// panel re-renders the few visible nodes instead of rebuilding 2,000 node objects.

import { Handle, Position, type Edge, type Node, type NodeProps, type EdgeProps } from "@xyflow/react";
import { createContext, memo, useContext } from "react";
import type { LaidOutCluster, LaidOutNode } from "@/lib/browse/graph-layout";
import { cn } from "@/components/ui/cn";
import { nodeAriaLabel, nodeLine, plural, WORST_TONE, worstWord } from "./graph-text";

export interface GraphFocus {
  /** The node whose panel is open. */
  open?: string;
  /** The search match. */
  found?: string;
  onOpen(id: string): void;
  /** Moves focus to the next (1) or previous (-1) node in reading order, bringing it into view; false at either end. */
  onStep(id: string, dir: 1 | -1): boolean;
  onCluster(id: string): void;
}
export const FocusContext = createContext<GraphFocus>({
  onOpen: () => undefined,
  onStep: () => false,
  onCluster: () => undefined,
});

export type ItemNodeType = Node<{ node: LaidOutNode }, "item">;
export type ClusterNodeType = Node<{ cluster: LaidOutCluster }, "cluster">;
export type SummaryNodeType = Node<{ cluster: LaidOutCluster }, "summary">;
export type RoutedEdgeType = Edge<{ points: readonly number[] }, "routed">;

const KIND_TONE = {
  depot: "border-l-kind-depot",
  module: "border-l-kind-module",
  provider: "border-l-kind-provider",
};

function activate(e: React.KeyboardEvent, run: () => void) {
  if (e.key === "Enter" || e.key === " ") {
    e.preventDefault();
    run();
  }
}

const ItemNode = memo(function ItemNode({ data }: NodeProps<ItemNodeType>) {
  const focus = useContext(FocusContext);
  const n = data.node;
  const on = focus.open === n.id || focus.found === n.id;
  return (
    <div
      role="button"
      tabIndex={0}
      data-node-id={n.id}
      data-kind={n.kind}
      aria-label={nodeAriaLabel(n)}
      aria-expanded={focus.open === n.id}
      onClick={() => focus.onOpen(n.id)}
      onKeyDown={(e) => {
        // Only visible nodes are in the DOM, so Tab alone would stop at the edge of the view.
        if (e.key === "Tab" && !e.altKey && !e.ctrlKey && !e.metaKey && focus.onStep(n.id, e.shiftKey ? -1 : 1))
          e.preventDefault();
        else activate(e, () => focus.onOpen(n.id));
      }}
      className={cn(
        "depots-node flex h-full w-full flex-col justify-center rounded-md border border-l-4 border-line-strong bg-surface px-2.5 py-1 text-left text-fg shadow-sm",
        KIND_TONE[n.kind],
        n.kind === "depot" && "bg-kind-depot-soft",
        on && "outline-3 outline-offset-2 outline-amber-500",
      )}
    >
      {n.kind !== "depot" ? <Handle type="target" position={Position.Left} isConnectable={false} /> : null}
      <span
        className="depots-label line-clamp-2 text-[14px] leading-[18px] font-semibold [overflow-wrap:anywhere]"
        title={n.name}
      >
        {n.name}
      </span>
      <span className="truncate text-[12px] leading-4 text-muted">
        <span className="font-semibold">{n.kind}</span> · {nodeLine(n)}
      </span>
      {n.kind === "depot" ? <Handle type="source" position={Position.Bottom} isConnectable={false} /> : null}
    </div>
  );
});

/** The box around a depot and the resources drawn with it. */
function ClusterNode() {
  return <div aria-hidden className="h-full w-full rounded-xl border border-line-strong bg-subtle/50" />;
}

/** Below the legible zoom: one box per cluster whose text keeps a readable size at any zoom. */
const SummaryNode = memo(function SummaryNode({ data }: NodeProps<SummaryNodeType>) {
  const focus = useContext(FocusContext);
  const c = data.cluster;
  const label = `depot ${c.namespace}/${c.name}: ${plural(c.resources, "resource")}${c.shared ? `, ${c.shared} shared with other depots` : ""}, worst finding: ${worstWord(c.worst)}. Press Enter to zoom in.`;
  return (
    <div
      role="button"
      tabIndex={0}
      aria-label={label}
      data-summary-id={c.id}
      title={`${c.namespace}/${c.name}`}
      onClick={() => focus.onCluster(c.id)}
      onKeyDown={(e) => activate(e, () => focus.onCluster(c.id))}
      className={cn(
        // A wrapping column: a line that does not fit the box's height moves to a second column
        // outside the box (hidden) instead of showing cut in half; the name always shows.
        "depots-summary flex h-full w-full flex-col flex-wrap content-start gap-x-[calc(24px*var(--depots-inv-zoom,1))] overflow-hidden rounded-xl border-4 p-[calc(8px*var(--depots-inv-zoom,1))]",
        WORST_TONE[c.worst],
      )}
    >
      <div className="w-full shrink-0 truncate font-semibold">{c.name}</div>
      <div className="w-full shrink-0 truncate">{c.namespace}</div>
      <div className="w-full shrink-0 truncate">
        {plural(c.resources, "resource")}
        {c.shared ? ` +${c.shared} shared` : ""}
      </div>
      <div className="w-full shrink-0 truncate">worst: {worstWord(c.worst)}</div>
    </div>
  );
});

export const nodeTypes = { item: ItemNode, cluster: ClusterNode, summary: SummaryNode };

/** An edge drawn along the route the server computed (not React Flow's own curve). */
const RoutedEdge = memo(function RoutedEdge({ source, target, data }: EdgeProps<RoutedEdgeType>) {
  const focus = useContext(FocusContext);
  const p = data?.points ?? [];
  let d = "";
  for (let i = 0; i < p.length; i += 2) d += `${i === 0 ? "M" : "L"}${p[i]} ${p[i + 1]}`;
  const lit = focus.open !== undefined && (focus.open === source || focus.open === target);
  return <path d={d} fill="none" className={cn("depots-edge", lit && "depots-edge-lit")} />;
});

export const edgeTypes = { routed: RoutedEdge };
