"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** Namespace and depot filters and the graph/list switch, all in the URL. */
export function DepotFilters({ namespaces, depots }: { namespaces: string[]; depots: readonly string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const selected = params.getAll("depot");
  const push = (next: URLSearchParams) => {
    const q = next.toString();
    router.push(q ? `${pathname}?${q}` : pathname);
  };
  const field = "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";
  return (
    <div className="mt-4 flex flex-wrap items-end gap-4">
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
      <fieldset className="text-sm">
        <legend className="text-xs font-medium">Depots</legend>
        <div className="flex flex-wrap gap-3">
          {depots.map((d) => (
            <label key={d} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={selected.includes(d)}
                onChange={(e) => {
                  const next = new URLSearchParams(params);
                  next.delete("depot");
                  for (const v of e.target.checked ? [...selected, d] : selected.filter((s) => s !== d)) next.append("depot", v);
                  push(next);
                }}
              />
              {d}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="text-sm" role="group" aria-label="View">
        {(["graph", "list"] as const).map((v) => {
          const on = (params.get("view") ?? "graph") === v;
          return (
            <button
              key={v}
              type="button"
              aria-pressed={on}
              className={`${field} ${on ? "font-semibold" : ""} mr-1`}
              onClick={() => {
                const next = new URLSearchParams(params);
                if (v === "graph") next.delete("view");
                else next.set("view", v);
                push(next);
              }}
            >
              {v === "graph" ? "Graph" : "List"}
            </button>
          );
        })}
      </div>
    </div>
  );
}
