"use client";

// Filter and sort controls. Every change rewrites the URL (page back to 1); the server renders the
// result. The four most used are always there (search, kind, namespace, sort); the rest sit under
// "More filters" with a count. On a phone everything but the search sits behind "Filters (n)".

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { SeverityOptions } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, Input, Select } from "@/components/ui/field";

const SORTS = [
  ["name", "Name"],
  ["namespace", "Namespace"],
  ["latest_version", "Latest version"],
  ["synced", "Sync state"],
  ["severity", "Severity"],
  ["last_scanned", "Last scanned"],
  ["downloads", "Downloads"],
] as const;

/** Parameters behind "More filters" (page_size counts only when not the default). */
const MORE = ["synced", "severity", "os", "arch", "public_only"] as const;
const MAIN = ["kind", "namespace"] as const;

export function RegistryFilters({
  osOptions,
  archOptions,
  namespaces,
  icons,
}: {
  osOptions: readonly string[];
  archOptions: readonly string[];
  namespaces: readonly string[];
  /** Rendered by the server: their drawings travel in the page, not in this bundle (README "Page weight"). */
  icons: { readonly filters: ReactNode; readonly ascending: ReactNode; readonly descending: ReactNode };
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const moreCount = MORE.filter((k) => params.has(k)).length;
  const allCount = moreCount + MAIN.filter((k) => params.has(k)).length;
  const [showMore, setShowMore] = useState(moreCount > 0);
  const [open, setOpen] = useState(false);
  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === "") next.delete(name);
    else next.set(name, value);
    next.delete("page");
    const q = next.toString();
    startTransition(() => router.push(q ? `${pathname}?${q}` : pathname));
  };
  const dir = params.get("sort_dir") === "desc" ? "desc" : "asc";
  const selectedNs = params.getAll("namespace");
  return (
    <div className="mt-4" aria-busy={pending}>
      <div className="flex items-end gap-2">
        <form
          role="search"
          className="min-w-0 flex-1 md:max-w-sm"
          onSubmit={(e) => {
            e.preventDefault();
            set("q", new FormData(e.currentTarget).get("q")?.toString().trim() ?? "");
          }}
        >
          <Field label="Search modules and providers" htmlFor="filter-q">
            <Input
              id="filter-q"
              name="q"
              type="search"
              defaultValue={params.get("q") ?? ""}
              key={params.get("q") ?? ""}
              placeholder="name, provider, repo…  ( / )"
              className="w-full"
            />
          </Field>
        </form>
        <Button
          className="md:hidden"
          aria-expanded={open}
          aria-controls="registry-filter-panel"
          onClick={() => setOpen((o) => !o)}
        >
          {icons.filters}
          Filters{allCount > 0 ? ` (${allCount})` : ""}
        </Button>
      </div>
      <div
        id="registry-filter-panel"
        className={cn(open ? "grid" : "hidden", "mt-3 grid-cols-2 items-end gap-3 md:flex md:flex-wrap")}
        data-testid="filter-panel"
      >
        <Field label="Kind" htmlFor="filter-kind">
          <Select id="filter-kind" value={params.get("kind") ?? ""} onChange={(e) => set("kind", e.target.value)}>
            <option value="">All</option>
            <option value="module">Modules</option>
            <option value="provider">Providers</option>
          </Select>
        </Field>
        <Field label="Namespace" htmlFor="filter-namespace">
          <Select
            id="filter-namespace"
            value={selectedNs.length > 1 ? "__several" : (selectedNs[0] ?? "")}
            onChange={(e) => set("namespace", e.target.value === "__several" ? selectedNs[0]! : e.target.value)}
          >
            <option value="">All</option>
            {selectedNs.length > 1 ? <option value="__several">{selectedNs.length} selected</option> : null}
            {namespaces.map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Sort by" htmlFor="filter-sort">
          <Select
            id="filter-sort"
            value={params.get("sort_by") ?? "name"}
            onChange={(e) => set("sort_by", e.target.value === "name" ? null : e.target.value)}
          >
            {SORTS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          onClick={() => set("sort_dir", dir === "asc" ? "desc" : null)}
          aria-label={`Sort direction: ${dir === "asc" ? "ascending" : "descending"}; switch`}
        >
          {dir === "asc" ? icons.ascending : icons.descending}
          {dir === "asc" ? "Ascending" : "Descending"}
        </Button>
        <Button
          variant="ghost"
          aria-expanded={showMore}
          aria-controls="registry-more-filters"
          onClick={() => setShowMore((s) => !s)}
          className="col-span-2 justify-start md:col-span-1"
        >
          {showMore ? "Fewer filters" : "More filters"}
          {moreCount > 0 ? ` (${moreCount})` : ""}
        </Button>
        <div
          id="registry-more-filters"
          className={cn(
            showMore ? "grid md:flex" : "hidden",
            "col-span-2 grid-cols-2 items-end gap-3 md:w-full md:flex-wrap",
          )}
        >
          <Field label="Sync" htmlFor="filter-synced">
            <Select
              id="filter-synced"
              value={params.get("synced") ?? ""}
              onChange={(e) => set("synced", e.target.value)}
            >
              <option value="">All</option>
              <option value="true">Synced</option>
              <option value="false">Not synced</option>
            </Select>
          </Field>
          <Field label="Severity (at or above)" htmlFor="filter-severity">
            <Select
              id="filter-severity"
              value={params.get("severity") ?? ""}
              onChange={(e) => set("severity", e.target.value)}
            >
              <SeverityOptions />
            </Select>
          </Field>
          <Field label="OS" htmlFor="filter-os">
            <Select id="filter-os" value={params.get("os") ?? ""} onChange={(e) => set("os", e.target.value)}>
              <option value="">Any</option>
              {osOptions.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </Select>
          </Field>
          <Field label="Arch" htmlFor="filter-arch">
            <Select id="filter-arch" value={params.get("arch") ?? ""} onChange={(e) => set("arch", e.target.value)}>
              <option value="">Any</option>
              {archOptions.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </Select>
          </Field>
          <Field label="Per page" htmlFor="filter-page-size">
            <Select
              id="filter-page-size"
              value={params.get("page_size") ?? "20"}
              onChange={(e) => set("page_size", e.target.value === "20" ? null : e.target.value)}
            >
              {["10", "20", "50", "100"].map((n) => (
                <option key={n}>{n}</option>
              ))}
            </Select>
          </Field>
          <label className="flex items-center gap-2 pb-1.5 text-sm">
            <input
              type="checkbox"
              className="h-4 w-4 accent-accent"
              checked={params.get("public_only") === "true"}
              onChange={(e) => set("public_only", e.target.checked ? "true" : null)}
            />
            Public only
          </label>
        </div>
      </div>
    </div>
  );
}
