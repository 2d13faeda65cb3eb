"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";

const SORTS = [
  ["name", "Name"],
  ["namespace", "Namespace"],
  ["latest_version", "Latest version"],
  ["synced", "Sync state"],
  ["severity", "Severity"],
  ["last_scanned", "Last scanned"],
  ["downloads", "Downloads"],
] as const;

const select = "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";

/** Filter and sort controls: every change rewrites the URL (page back to 1); the server renders the result. */
export function RegistryFilters({ osOptions, archOptions }: { osOptions: readonly string[]; archOptions: readonly string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === "") next.delete(name);
    else next.set(name, value);
    next.delete("page");
    const q = next.toString();
    startTransition(() => router.push(q ? `${pathname}?${q}` : pathname));
  };
  const dir = params.get("sort_dir") === "desc" ? "desc" : "asc";
  return (
    <div className="mt-4 flex flex-wrap items-end gap-3" aria-busy={pending}>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set("q", new FormData(e.currentTarget).get("q")?.toString().trim() ?? "");
        }}
      >
        <label className="block text-xs font-medium" htmlFor="filter-q">
          Search
        </label>
        <input id="filter-q" name="q" type="search" defaultValue={params.get("q") ?? ""} key={params.get("q") ?? ""} className={select} placeholder="name, provider, repo…" />
      </form>
      <Labeled id="filter-kind" label="Kind">
        <select id="filter-kind" className={select} value={params.get("kind") ?? ""} onChange={(e) => set("kind", e.target.value)}>
          <option value="">All</option>
          <option value="module">Modules</option>
          <option value="provider">Providers</option>
        </select>
      </Labeled>
      <Labeled id="filter-synced" label="Sync">
        <select id="filter-synced" className={select} value={params.get("synced") ?? ""} onChange={(e) => set("synced", e.target.value)}>
          <option value="">All</option>
          <option value="true">Synced</option>
          <option value="false">Not synced</option>
        </select>
      </Labeled>
      <Labeled id="filter-severity" label="Severity (at or above)">
        <select id="filter-severity" className={select} value={params.get("severity") ?? ""} onChange={(e) => set("severity", e.target.value)}>
          <option value="">Any</option>
          {["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"].map((s) => (
            <option key={s} value={s}>
              {s.charAt(0) + s.slice(1).toLowerCase()}
            </option>
          ))}
        </select>
      </Labeled>
      <Labeled id="filter-os" label="OS">
        <select id="filter-os" className={select} value={params.get("os") ?? ""} onChange={(e) => set("os", e.target.value)}>
          <option value="">Any</option>
          {osOptions.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </Labeled>
      <Labeled id="filter-arch" label="Arch">
        <select id="filter-arch" className={select} value={params.get("arch") ?? ""} onChange={(e) => set("arch", e.target.value)}>
          <option value="">Any</option>
          {archOptions.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </Labeled>
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" checked={params.get("public_only") === "true"} onChange={(e) => set("public_only", e.target.checked ? "true" : null)} />
        Public only
      </label>
      <Labeled id="filter-sort" label="Sort by">
        <select id="filter-sort" className={select} value={params.get("sort_by") ?? "name"} onChange={(e) => set("sort_by", e.target.value === "name" ? null : e.target.value)}>
          {SORTS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </Labeled>
      <button type="button" className={select} onClick={() => set("sort_dir", dir === "asc" ? "desc" : null)} aria-label={`Sort direction: ${dir === "asc" ? "ascending" : "descending"}; switch`}>
        {dir === "asc" ? "↑ Ascending" : "↓ Descending"}
      </button>
      <Labeled id="filter-page-size" label="Per page">
        <select id="filter-page-size" className={select} value={params.get("page_size") ?? "20"} onChange={(e) => set("page_size", e.target.value === "20" ? null : e.target.value)}>
          {["10", "20", "50", "100"].map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </Labeled>
    </div>
  );
}

function Labeled({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div>
      <label className="block text-xs font-medium" htmlFor={id}>
        {label}
      </label>
      {children}
    </div>
  );
}
