"use client";

// Tabs (WAI-ARIA tablist): arrow keys move between tabs, panels stay mounted so server-rendered
// content (a README) is not rendered twice. The chosen tab can live in the URL (`param`).

import { useId, useState, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "./cn";

export interface TabItem {
  id: string;
  label: ReactNode;
  panel: ReactNode;
}

export function Tabs({
  items,
  initial,
  label,
  onChange,
  className,
}: {
  items: TabItem[];
  initial?: string;
  label: string;
  onChange?: (id: string) => void;
  className?: string;
}) {
  const base = useId();
  const [current, setCurrent] = useState(initial && items.some((t) => t.id === initial) ? initial : items[0]?.id);
  const select = (id: string) => {
    setCurrent(id);
    onChange?.(id);
  };
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const next = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : undefined;
    if (next === undefined) return;
    const t = items[(next + items.length) % items.length]!;
    select(t.id);
    document.getElementById(`${base}-tab-${t.id}`)?.focus();
  };
  return (
    <div className={className}>
      <div role="tablist" aria-label={label} className="flex gap-1 overflow-x-auto border-b border-line">
        {items.map((t, i) => (
          <button
            key={t.id}
            id={`${base}-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={t.id === current}
            aria-controls={`${base}-panel-${t.id}`}
            tabIndex={t.id === current ? 0 : -1}
            onClick={() => select(t.id)}
            onKeyDown={(e) => onKey(e, i)}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
              t.id === current ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg",
            )}
          >
            {t.label}
          </button>
        ))}
      </div>
      {items.map((t) => (
        <div
          key={t.id}
          id={`${base}-panel-${t.id}`}
          role="tabpanel"
          aria-labelledby={`${base}-tab-${t.id}`}
          hidden={t.id !== current}
          className="pt-4"
        >
          {t.panel}
        </div>
      ))}
    </div>
  );
}
