"use client";

// Zoom controls styled by us (React Flow's read their colours from variables our data-theme dark
// mode does not set), with accessible names and icons drawn in currentColor.

import { Panel, useReactFlow } from "@xyflow/react";

const button =
  "flex h-9 min-w-9 items-center justify-center gap-1 border-b border-line-strong bg-surface px-2 text-[13px] font-medium text-fg last:border-b-0 hover:bg-subtle focus-visible:outline-2 focus-visible:outline-accent";

const Icon = ({ d }: { d: string }) => (
  <svg
    aria-hidden
    viewBox="0 0 16 16"
    width="16"
    height="16"
    fill="none"
    stroke="currentColor"
    strokeWidth="2"
    strokeLinecap="round"
  >
    <path d={d} />
  </svg>
);

export function GraphControls({ onStart }: { onStart(): void }) {
  const flow = useReactFlow();
  return (
    <Panel position="bottom-left" className="!m-2">
      <div
        role="group"
        aria-label="Zoom"
        className="depots-controls flex flex-col overflow-hidden rounded-md border border-line-strong shadow"
      >
        <button
          type="button"
          className={button}
          aria-label="Zoom in"
          title="Zoom in"
          onClick={() => void flow.zoomIn({ duration: 150 })}
        >
          <Icon d="M8 3v10M3 8h10" />
        </button>
        <button
          type="button"
          className={button}
          aria-label="Zoom out"
          title="Zoom out"
          onClick={() => void flow.zoomOut({ duration: 150 })}
        >
          <Icon d="M3 8h10" />
        </button>
        <button
          type="button"
          className={button}
          aria-label="Fit all"
          title="Fit all (labels may become too small: boxes summarise each depot)"
          onClick={() => void flow.fitView({ padding: 0.04, minZoom: 0.01, duration: 200 })}
        >
          <Icon d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" />
        </button>
        <button
          type="button"
          className={button}
          aria-label="Back to the legible start view"
          title="Back to the start view"
          onClick={onStart}
        >
          <Icon d="M3 8l5-5 5 5M5 7v6h6V7" />
        </button>
      </div>
    </Panel>
  );
}
