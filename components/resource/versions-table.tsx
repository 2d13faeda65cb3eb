"use client";

import { formatBinaryBytes } from "@/components/ui/format";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import type { VersionsResponse } from "@/lib/browse/versions";
import { SyncBadge } from "@/components/ui/badges";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import { getJson, replaceParams, resourceApi } from "./api";

const field = "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";


/** The versions table: state in the URL (v_*), data from the same-origin browse API. */
export function VersionsTable({ namespace, kind, name, initial, initialQuery }: { namespace: string; kind: "module" | "provider"; name: string; initial: VersionsResponse; initialQuery: string }) {
  const params = useSearchParams();
  const q = new URLSearchParams();
  for (const [k, api] of [["v_q", "q"], ["v_synced", "synced"], ["v_os", "os"], ["v_arch", "arch"], ["v_page", "page"], ["v_size", "page_size"]] as const) {
    const v = params.get(k);
    if (v) q.set(api, v);
  }
  const query = q.toString();
  const { data, isFetching, error } = useQuery({
    queryKey: ["versions", namespace, kind, name, query],
    queryFn: () => getJson<VersionsResponse>(`${resourceApi(namespace, kind, name)}/versions?${query}`),
    placeholderData: keepPreviousData,
    ...(query === initialQuery ? { initialData: initial } : {}),
  });
  const page = data ?? initial;
  const pages = Math.max(1, Math.ceil(page.totalCount / page.pageSize));
  const set = (k: string, v: string | null) => replaceParams({ [k]: v, ...(k !== "v_page" ? { v_page: null } : {}) });
  return (
    <section aria-labelledby="versions-heading" className="mt-8">
      <h2 id="versions-heading" className="text-lg font-semibold">
        Versions
      </h2>
      <div className="mt-2 flex flex-wrap items-end gap-3" aria-busy={isFetching}>
        <label className="text-sm">
          <span className="block text-xs font-medium">Find a version</span>
          <input type="search" aria-label="Find a version" className={field} defaultValue={params.get("v_q") ?? ""} onChange={(e) => set("v_q", e.target.value.trim())} placeholder="e.g. 5.80" />
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium">Sync</span>
          <select aria-label="Filter versions by sync state" className={field} value={params.get("v_synced") ?? ""} onChange={(e) => set("v_synced", e.target.value)}>
            <option value="">All</option>
            <option value="true">Synced</option>
            <option value="progressing">Progressing</option>
            <option value="failed">Failed</option>
          </select>
        </label>
        {kind === "provider" ? (
          <>
            <label className="text-sm">
              <span className="block text-xs font-medium">OS</span>
              <select aria-label="Filter versions by OS" className={field} value={params.get("v_os") ?? ""} onChange={(e) => set("v_os", e.target.value)}>
                <option value="">Any</option>
                {(initial.availableOS ?? []).map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              <span className="block text-xs font-medium">Arch</span>
              <select aria-label="Filter versions by architecture" className={field} value={params.get("v_arch") ?? ""} onChange={(e) => set("v_arch", e.target.value)}>
                <option value="">Any</option>
                {(initial.availableArch ?? []).map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            </label>
          </>
        ) : null}
        <label className="text-sm">
          <span className="block text-xs font-medium">Per page</span>
          <select aria-label="Versions per page" className={field} value={params.get("v_size") ?? "20"} onChange={(e) => set("v_size", e.target.value === "20" ? null : e.target.value)}>
            {["10", "20", "50", "100"].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <span className="text-sm text-slate-700 dark:text-slate-300" aria-live="polite" data-testid="versions-count">
          {page.totalCount} {page.totalCount === 1 ? "version row" : "version rows"}
          {isFetching ? " · loading…" : ""}
        </span>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-800 dark:text-red-200">
          Could not load versions: {(error as Error).message}
        </p>
      ) : null}
      <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label="Versions table">
        <table className="w-full text-left text-sm" data-testid="versions-table">
          <thead className="border-b border-slate-300 text-xs uppercase dark:border-slate-700">
            <tr>
              <th scope="col" className="py-2 pr-3">Version</th>
              <th scope="col" className="py-2 pr-3">Status</th>
              {kind === "provider" ? <th scope="col" className="py-2 pr-3">Platform</th> : null}
              <th scope="col" className="py-2 pr-3">Downloads</th>
              <th scope="col" className="py-2 pr-3">Last downloaded</th>
              <th scope="col" className="py-2 pr-3">Size</th>
              <th scope="col" className="py-2 pr-3">Scanned</th>
              <th scope="col" className="py-2 pr-3">Findings</th>
              <th scope="col" className="py-2 pr-3">File</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((v) => {
              const total = v.scanCounts ? v.scanCounts.critical + v.scanCounts.high + v.scanCounts.medium + v.scanCounts.low + v.scanCounts.unknown : undefined;
              return (
                <tr key={v.name} className="border-b border-slate-200 align-top dark:border-slate-800">
                  <td className="py-2 pr-3 font-mono">{v.version}</td>
                  <td className="py-2 pr-3">
                    <SyncBadge state={v.syncState} />
                  </td>
                  {kind === "provider" ? <td className="py-2 pr-3">{v.os || v.arch ? `${v.os ?? ""}/${v.arch ?? ""}` : "—"}</td> : null}
                  <td className="py-2 pr-3">{v.downloadCount ?? "—"}</td>
                  <td className="py-2 pr-3">{v.lastDownloadedAt ? <LocalTime iso={v.lastDownloadedAt} /> : "—"}</td>
                  <td className="py-2 pr-3">{v.archiveSizeBytes !== undefined ? formatBinaryBytes(v.archiveSizeBytes) : "—"}</td>
                  <td className="py-2 pr-3">{v.lastScanned ? <LocalTime iso={v.lastScanned} dateOnly /> : "Not scanned"}</td>
                  <td className="py-2 pr-3">
                    {v.scanCounts ? (total === 0 ? "None" : `${v.scanCounts.critical} critical, ${v.scanCounts.high} high, ${v.scanCounts.medium} medium, ${v.scanCounts.low} low${v.scanCounts.unknown ? `, ${v.scanCounts.unknown} unknown` : ""}`) : "—"}
                  </td>
                  <td className="py-2 pr-3">
                    {v.fileName ? (
                      <div className="flex items-center gap-1">
                        <span className="max-w-48 truncate font-mono text-xs" title={v.fileName}>
                          {v.fileName}
                        </span>
                        <CopyButton value={v.fileName} what={`file name of ${v.version}`} />
                      </div>
                    ) : null}
                    {v.checksum ? (
                      <div className="mt-1 flex items-center gap-1">
                        <span className="max-w-48 truncate font-mono text-xs" title={v.checksum}>
                          {v.checksum}
                        </span>
                        <CopyButton value={v.checksum} what={`checksum of ${v.version}`} />
                      </div>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav aria-label="Versions pagination" className="mt-3 flex items-center gap-3 text-sm">
          <button type="button" className={field} disabled={page.page <= 1} onClick={() => set("v_page", page.page - 1 <= 1 ? null : String(page.page - 1))}>
            Previous
          </button>
          <span>
            Page {page.page} of {pages}
          </span>
          <button type="button" className={field} disabled={page.page >= pages} onClick={() => set("v_page", String(page.page + 1))}>
            Next
          </button>
        </nav>
      ) : null}
    </section>
  );
}
