"use client";

// The versions table: state in the URL (v_*), data from the same-origin browse API through the
// one mapping in lib/routes. Provider rows of one version share its download count, shown once.

import { useSearchParams } from "next/navigation";
import type { VersionRow } from "@/lib/browse/json";
import type { VersionsResponse } from "@/lib/browse/versions";
import { resourceApiPath, versionsApiQuery, type ResourceRef } from "@/lib/routes";
import { SeverityCounts, SyncBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input, Select } from "@/components/ui/field";
import { formatBinaryBytes, formatCount } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TableScroll, Td, Th, THead, Tr } from "@/components/ui/table";
import { replaceParams } from "./api";
import { useJson } from "./use-json";

/** Consecutive rows of one version: [row, rows in its group or 0 when not the first]. */
export function groupRuns(rows: readonly VersionRow[]): [VersionRow, number][] {
  const out: [VersionRow, number][] = [];
  for (let i = 0; i < rows.length;) {
    let j = i + 1;
    while (j < rows.length && rows[j]!.version === rows[i]!.version) j++;
    for (let k = i; k < j; k++) out.push([rows[k]!, k === i ? j - i : 0]);
    i = j;
  }
  return out;
}

function Hash({ value, what }: { value: string; what: string }) {
  return (
    <div className="flex items-center gap-1">
      <span className="max-w-40 truncate font-mono text-xs" title={value}>
        {value}
      </span>
      <CopyButton value={value} what={what} />
    </div>
  );
}

export function VersionsTable({
  resource,
  initial,
  initialQuery,
}: {
  resource: ResourceRef & { kind: "module" | "provider" };
  initial: VersionsResponse;
  initialQuery: string;
}) {
  const params = useSearchParams();
  const query = versionsApiQuery(params).toString();
  const api = resourceApiPath(resource, "versions");
  const { data: page, isFetching, error } = useJson(`${api}?${query}`, `${api}?${initialQuery}`, initial);
  const provider = resource.kind === "provider";
  const pages = Math.max(1, Math.ceil(page.totalCount / page.pageSize));
  const set = (k: string, v: string | null) => replaceParams({ [k]: v, ...(k !== "v_page" ? { v_page: null } : {}) });
  return (
    <section aria-labelledby="versions-heading" className="mt-8 min-w-0">
      <h2 id="versions-heading" className="text-lg font-semibold">
        Versions
      </h2>
      <div className="mt-2 grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap" aria-busy={isFetching}>
        <Field label="Find a version" htmlFor="v-q" className="col-span-2 sm:col-span-1">
          <Input
            id="v-q"
            type="search"
            defaultValue={params.get("v_q") ?? ""}
            onChange={(e) => set("v_q", e.target.value.trim())}
            placeholder="e.g. 5.80"
          />
        </Field>
        <Field label="Sync" htmlFor="v-synced">
          <Select
            id="v-synced"
            aria-label="Filter versions by sync state"
            value={params.get("v_synced") ?? ""}
            onChange={(e) => set("v_synced", e.target.value)}
          >
            <option value="">All</option>
            <option value="true">Synced</option>
            <option value="progressing">Progressing</option>
            <option value="failed">Failed</option>
          </Select>
        </Field>
        {provider ? (
          <>
            <Field label="OS" htmlFor="v-os">
              <Select
                id="v-os"
                aria-label="Filter versions by OS"
                value={params.get("v_os") ?? ""}
                onChange={(e) => set("v_os", e.target.value)}
              >
                <option value="">Any</option>
                {(initial.availableOS ?? []).map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </Select>
            </Field>
            <Field label="Arch" htmlFor="v-arch">
              <Select
                id="v-arch"
                aria-label="Filter versions by architecture"
                value={params.get("v_arch") ?? ""}
                onChange={(e) => set("v_arch", e.target.value)}
              >
                <option value="">Any</option>
                {(initial.availableArch ?? []).map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </Select>
            </Field>
          </>
        ) : null}
        <Field label="Per page" htmlFor="v-size">
          <Select
            id="v-size"
            aria-label="Versions per page"
            value={params.get("v_size") ?? "20"}
            onChange={(e) => set("v_size", e.target.value === "20" ? null : e.target.value)}
          >
            {["10", "20", "50", "100"].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </Select>
        </Field>
        <span className="col-span-2 pb-1.5 text-sm text-muted" aria-live="polite" data-testid="versions-count">
          {page.totalCount} {page.totalCount === 1 ? "version row" : "version rows"}
          {isFetching ? " · loading…" : ""}
        </span>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          Could not load versions: {error.message}
        </p>
      ) : null}
      <TableScroll label="Versions table" className="mt-3" hint>
        <Table data-testid="versions-table">
          <THead>
            <tr>
              <Th>Version</Th>
              {provider ? <Th>Platform</Th> : null}
              <Th>Status</Th>
              <Th>Findings</Th>
              <Th>Downloads</Th>
              <Th>Size</Th>
              <Th className="hidden md:table-cell">Scanned</Th>
              <Th className="hidden lg:table-cell">Last download</Th>
              <Th className="hidden md:table-cell">File</Th>
            </tr>
          </THead>
          <tbody>
            {groupRuns(page.items).map(([v, span]) => {
              const first = span > 0 || !provider;
              const rowSpan = provider && span > 1 ? span : undefined;
              const platform = v.os || v.arch ? `${v.os ?? ""}/${v.arch ?? ""}` : "—";
              return (
                <Tr
                  key={v.name}
                  data-testid="version-row"
                  data-version={v.version}
                  data-platform={provider ? platform : undefined}
                >
                  {first ? (
                    <Td rowSpan={rowSpan} className="font-mono whitespace-nowrap">
                      {v.version}
                    </Td>
                  ) : null}
                  {provider ? <Td className="whitespace-nowrap">{platform}</Td> : null}
                  <Td>
                    <SyncBadge state={v.syncState} />
                  </Td>
                  <Td data-testid="row-findings">
                    {v.scanCounts ? (
                      <SeverityCounts counts={v.scanCounts} />
                    ) : (
                      <span className="text-xs text-muted">Not scanned</span>
                    )}
                  </Td>
                  {first ? (
                    <Td rowSpan={rowSpan} className="whitespace-nowrap" data-testid="version-downloads">
                      {v.downloadCount !== undefined ? formatCount(v.downloadCount) : "—"}
                    </Td>
                  ) : null}
                  <Td className="whitespace-nowrap">
                    {v.archiveSizeBytes !== undefined ? formatBinaryBytes(v.archiveSizeBytes) : "—"}
                  </Td>
                  <Td className="hidden md:table-cell">
                    {v.lastScanned ? <LocalTime iso={v.lastScanned} relative /> : "—"}
                  </Td>
                  {first ? (
                    <Td rowSpan={rowSpan} className="hidden lg:table-cell">
                      {v.lastDownloadedAt ? <LocalTime iso={v.lastDownloadedAt} relative /> : "—"}
                    </Td>
                  ) : null}
                  <Td className="hidden md:table-cell">
                    {v.fileName ? (
                      <Hash value={v.fileName} what={`file name of ${v.version}${provider ? ` ${platform}` : ""}`} />
                    ) : null}
                    {v.checksum ? (
                      <div className="mt-1">
                        <Hash value={v.checksum} what={`checksum of ${v.version}${provider ? ` ${platform}` : ""}`} />
                      </div>
                    ) : null}
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      </TableScroll>
      {pages > 1 ? (
        <nav aria-label="Versions pagination" className="mt-3 flex items-center gap-3 text-sm">
          <Button
            disabled={page.page <= 1}
            onClick={() => set("v_page", page.page - 1 <= 1 ? null : String(page.page - 1))}
          >
            Previous
          </Button>
          <span>
            Page {page.page} of {pages}
          </span>
          <Button disabled={page.page >= pages} onClick={() => set("v_page", String(page.page + 1))}>
            Next
          </Button>
        </nav>
      ) : null}
    </section>
  );
}
