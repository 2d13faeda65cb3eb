// Filter and sort controls: a form rendered by the server where every change applies at once
// (components/ui/filter-form.tsx: one parameter changed, page back to 1, a full page load). The four most used are always there (search, kind, namespace, sort); the rest
// sit under "More filters" with a count. On a phone everything but the search sits behind
// "Filters (n)". Only the form's behaviour and the two toggles ship as JavaScript (README "Page
// weight").

import type { ReactNode } from "react";
import { SeverityOptions } from "@/components/ui/badges";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { DisclosureButton } from "@/components/ui/disclosure-button";
import { Field, Input, Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";

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
const SEVERAL = "__several";

export function RegistryFilters({
  params,
  osOptions,
  archOptions,
  namespaces,
  icons,
}: {
  /** The request's query. */
  params: URLSearchParams;
  osOptions: readonly string[];
  archOptions: readonly string[];
  namespaces: readonly string[];
  icons: { readonly filters: ReactNode; readonly ascending: ReactNode; readonly descending: ReactNode };
}) {
  const moreCount = MORE.filter((k) => params.has(k)).length;
  const allCount = moreCount + MAIN.filter((k) => params.has(k)).length;
  const dir = params.get("sort_dir") === "desc" ? "desc" : "asc";
  const selectedNs = params.getAll("namespace");
  const more = moreCount > 0 ? ` (${moreCount})` : "";
  return (
    <FilterForm action="/" role="search" aria-label="Filter modules and providers" className="mt-4">
      {/* The form's default button (Enter in the search box): the first submit button in the form
          would otherwise be the sort direction's, and Enter would switch the direction. */}
      <button type="submit" hidden tabIndex={-1} />
      <div className="flex items-end gap-2">
        <Field label="Search modules and providers" htmlFor="filter-q" className="flex-1 md:max-w-sm">
          <Input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={params.get("q") ?? ""}
            placeholder="name, provider, repo…  ( / )"
            className="w-full"
          />
        </Field>
        <DisclosureButton controls="registry-filter-panel" className={buttonClass("secondary", "md", "md:hidden")}>
          {icons.filters}
          Filters{allCount > 0 ? ` (${allCount})` : ""}
        </DisclosureButton>
      </div>
      <div
        id="registry-filter-panel"
        className="mt-3 hidden grid-cols-2 items-end gap-3 data-[open=true]:grid md:flex md:flex-wrap"
        data-testid="filter-panel"
      >
        <Field label="Kind" htmlFor="filter-kind">
          <Select id="filter-kind" name="kind" defaultValue={params.get("kind") ?? ""}>
            <option value="">All</option>
            <option value="module">Modules</option>
            <option value="provider">Providers</option>
          </Select>
        </Field>
        <Field label="Namespace" htmlFor="filter-namespace">
          <Select
            id="filter-namespace"
            name="namespace"
            defaultValue={selectedNs.length > 1 ? SEVERAL : (selectedNs[0] ?? "")}
            data-keep={SEVERAL}
          >
            <option value="">All</option>
            {selectedNs.length > 1 ? <option value={SEVERAL}>{selectedNs.length} selected</option> : null}
            {namespaces.map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Sort by" htmlFor="filter-sort">
          <Select id="filter-sort" name="sort_by" defaultValue={params.get("sort_by") ?? "name"} data-default="name">
            {SORTS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </Select>
        </Field>
        <button
          type="submit"
          id="filter-sort-dir"
          name="sort_dir"
          value={dir === "asc" ? "desc" : ""}
          className={buttonClass()}
          aria-label={`Sort direction: ${dir === "asc" ? "ascending" : "descending"}; switch`}
        >
          {dir === "asc" ? icons.ascending : icons.descending}
          {dir === "asc" ? "Ascending" : "Descending"}
        </button>
        <DisclosureButton
          controls="registry-more-filters"
          initiallyOpen={moreCount > 0}
          text={[`More filters${more}`, `Fewer filters${more}`]}
          className={buttonClass("ghost", "md", "col-span-2 justify-start md:col-span-1")}
        />
        <div
          id="registry-more-filters"
          data-open={moreCount > 0 ? "true" : undefined}
          className={cn(
            "hidden data-[open=true]:grid data-[open=true]:md:flex",
            "col-span-2 grid-cols-2 items-end gap-3 md:w-full md:flex-wrap",
          )}
        >
          <Field label="Sync" htmlFor="filter-synced">
            <Select id="filter-synced" name="synced" defaultValue={params.get("synced") ?? ""}>
              <option value="">All</option>
              <option value="true">Synced</option>
              <option value="false">Not synced</option>
            </Select>
          </Field>
          <Field label="Severity (at or above)" htmlFor="filter-severity">
            <Select id="filter-severity" name="severity" defaultValue={params.get("severity") ?? ""}>
              <SeverityOptions />
            </Select>
          </Field>
          <Field label="OS" htmlFor="filter-os">
            <Select id="filter-os" name="os" defaultValue={params.get("os") ?? ""}>
              <option value="">Any</option>
              {osOptions.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </Select>
          </Field>
          <Field label="Arch" htmlFor="filter-arch">
            <Select id="filter-arch" name="arch" defaultValue={params.get("arch") ?? ""}>
              <option value="">Any</option>
              {archOptions.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </Select>
          </Field>
          <Field label="Per page" htmlFor="filter-page-size">
            <Select
              id="filter-page-size"
              name="page_size"
              defaultValue={params.get("page_size") ?? "20"}
              data-default="20"
            >
              {["10", "20", "50", "100"].map((n) => (
                <option key={n}>{n}</option>
              ))}
            </Select>
          </Field>
          <label className="flex items-center gap-2 pb-1.5 text-sm">
            <input
              type="checkbox"
              id="filter-public-only"
              name="public_only"
              value="true"
              className="h-4 w-4 accent-accent"
              defaultChecked={params.get("public_only") === "true"}
            />
            Public only
          </label>
        </div>
      </div>
    </FilterForm>
  );
}
