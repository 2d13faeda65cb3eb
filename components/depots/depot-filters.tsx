"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useWide } from "./use-media";

const field = "rounded border border-line-strong bg-surface px-2 py-1 text-sm";

/** Namespace and depot filters and the graph/list switch, all in the URL. */
export function DepotFilters({ namespaces, depots }: { namespaces: string[]; depots: readonly string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const wide = useWide();
  const selected = params.getAll("depot");
  const push = (next: URLSearchParams) => {
    const q = next.toString();
    router.push(q ? `${pathname}?${q}` : pathname);
  };
  // Without `view` the page shows the graph from 768 px up and the list below.
  const view = params.get("view") ?? (wide === false ? "list" : "graph");
  return (
    <div className="mt-3 flex flex-wrap items-end gap-x-4 gap-y-2">
      <label className="text-sm">
        <span className="block text-xs font-medium">Namespace</span>
        <select
          aria-label="Filter depots by namespace"
          className={field}
          value={params.get("namespace") ?? ""}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            if (e.target.value) next.set("namespace", e.target.value);
            else next.delete("namespace");
            push(next);
          }}
        >
          <option value="">All</option>
          {namespaces.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <details className="relative text-sm">
        <summary className={`${field} cursor-pointer select-none`}>
          Depots: {selected.length === 0 ? "all" : `${selected.length} selected`}
        </summary>
        <fieldset className="absolute z-20 mt-1 max-h-72 w-72 max-w-[80vw] overflow-auto rounded border border-line-strong bg-surface p-2 shadow-lg">
          <legend className="sr-only">Show only these depots</legend>
          {depots.map((d) => (
            <label key={d} className="flex items-center gap-2 py-0.5 [overflow-wrap:anywhere]">
              <input
                type="checkbox"
                checked={selected.includes(d)}
                onChange={(e) => {
                  const next = new URLSearchParams(params);
                  next.delete("depot");
                  for (const v of e.target.checked ? [...selected, d] : selected.filter((s) => s !== d))
                    next.append("depot", v);
                  push(next);
                }}
              />
              {d}
            </label>
          ))}
        </fieldset>
      </details>
      <div className="text-sm" role="group" aria-label="View">
        {(["graph", "list"] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            className={`${field} ${view === v ? "font-semibold ring-2 ring-blue-600" : ""} mr-1`}
            onClick={() => {
              const next = new URLSearchParams(params);
              next.set("view", v);
              push(next);
            }}
          >
            {v === "graph" ? "Graph" : "List"}
          </button>
        ))}
      </div>
    </div>
  );
}
