"use client";

// The overview map: one rectangle per depot cluster, coloured by its worst finding, and the part
// in view. Hand-written rather than React Flow's MiniMap: that one draws every node (2,000+
// rectangles, redrawn while panning) in one colour; this draws a rectangle per cluster in the
// summary's colours, in ~60 lines.

import { Panel, useReactFlow, useStore } from "@xyflow/react";
import { useRef } from "react";
import type { GraphLayout, Worst } from "@/lib/browse/graph-layout";

const FILL: Readonly<Record<Worst, string>> = {
  critical: "#dc2626",
  high: "#ea580c",
  medium: "#d97706",
  low: "#0284c7",
  unknown: "#64748b",
  none: "#059669",
  unscanned: "#94a3b8",
};
const W = 168;
const H = 112;

export function ClusterMap({ layout }: { layout: GraphLayout }) {
  const flow = useReactFlow();
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const vw = useStore((s) => s.width);
  const vh = useStore((s) => s.height);
  const dragging = useRef(false);
  const pad = 32;
  const box = { x: -pad, y: -pad, w: Math.max(1, layout.width + 2 * pad), h: Math.max(1, layout.height + 2 * pad) };
  const scale = Math.min(W / box.w, H / box.h);
  const move = (e: React.PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = box.x + (e.clientX - r.left - (W - box.w * scale) / 2) / scale;
    const y = box.y + (e.clientY - r.top - (H - box.h * scale) / 2) / scale;
    void flow.setCenter(x, y, { zoom, duration: 0 });
  };
  return (
    <Panel position="bottom-right" className="!m-2 hidden lg:block">
      <svg
        width={W}
        height={H}
        viewBox={`${box.x - (W / scale - box.w) / 2} ${box.y - (H / scale - box.h) / 2} ${W / scale} ${H / scale}`}
        role="img"
        aria-label="Overview of every depot cluster; click or drag to move there"
        className="cursor-pointer touch-none rounded-md border border-line-strong bg-surface/90 shadow"
        onPointerDown={(e) => {
          dragging.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          move(e);
        }}
        onPointerMove={(e) => dragging.current && move(e)}
        onPointerUp={() => (dragging.current = false)}
      >
        {layout.clusters.map((c) => (
          <rect key={c.id} x={c.x} y={c.y} width={c.width} height={c.height} fill={FILL[c.worst]} fillOpacity={0.55} />
        ))}
        <rect
          x={-tx / zoom}
          y={-ty / zoom}
          width={vw / zoom}
          height={vh / zoom}
          fill="none"
          stroke="currentColor"
          strokeWidth={2 / scale}
          className="text-fg"
        />
      </svg>
    </Panel>
  );
}
