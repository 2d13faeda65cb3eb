"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import type { ScanFindingsResponse } from "@/lib/browse/scan-findings";
import type { FindingJson, Severity } from "@/lib/registry/findings";
import { SeverityBadge } from "@/components/ui/badges";
import { getJson, replaceParams, resourceApi } from "./api";

const field = "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";
const RANK: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3, UNKNOWN: 4 };

/** An advisory page for CVE, GHSA and Trivy AVD ids; undefined for anything else. */
export function advisoryUrl(id: string): string | undefined {
  if (/^CVE-\d{4}-\d+$/i.test(id)) return `https://nvd.nist.gov/vuln/detail/${id.toUpperCase()}`;
  if (/^GHSA(-[0-9a-z]{4}){3}$/i.test(id)) return `https://github.com/advisories/GHSA-${id.slice(5).toLowerCase()}`;
  if (/^AVD-[A-Z]+-\d+$/i.test(id)) return `https://avd.aquasec.com/misconfig/${id.toLowerCase()}`;
  return undefined;
}

function FindingsTable({ findings, total, caption }: { findings: FindingJson[]; total: number; caption: string }) {
  if (total === 0) return <p className="text-sm text-emerald-800 dark:text-emerald-200">{caption}: no findings — the scan is clean.</p>;
  if (findings.length === 0) return <p className="text-sm">{caption}: no finding matches the filters ({total} in all).</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full text-left text-sm">
        <caption className="py-1 text-left font-medium">{caption}</caption>
        <thead className="border-b border-slate-300 text-xs uppercase dark:border-slate-700">
          <tr>
            <th scope="col" className="py-1 pr-3">Severity</th>
            <th scope="col" className="py-1 pr-3">ID</th>
            <th scope="col" className="py-1 pr-3">Package</th>
            <th scope="col" className="py-1 pr-3">Installed</th>
            <th scope="col" className="py-1 pr-3">Fixed version</th>
            <th scope="col" className="py-1 pr-3">Title</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((f, i) => {
            const url = advisoryUrl(f.vulnerabilityID);
            return (
              <tr key={`${f.vulnerabilityID}|${f.pkgName}|${f.installedVersion}|${i}`} className="border-b border-slate-200 dark:border-slate-800">
                <td className="py-1 pr-3">
                  <SeverityBadge severity={f.severity} />
                </td>
                <td className="py-1 pr-3 font-mono text-xs">
                  {url ? (
                    <a href={url} rel="noopener noreferrer" className="text-blue-700 underline dark:text-blue-300">
                      {f.vulnerabilityID}
                    </a>
                  ) : (
                    f.vulnerabilityID
                  )}
                </td>
                <td className="py-1 pr-3">{f.pkgName || "—"}</td>
                <td className="py-1 pr-3 font-mono text-xs">{f.installedVersion || "—"}</td>
                <td className="py-1 pr-3 font-mono text-xs">{f.fixedVersion ?? "—"}</td>
                <td className="py-1 pr-3">{f.title ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Source and binary findings of a chosen version; the version selector never disappears. */
export function ScanFindings({ namespace, kind, name, initial, versions }: { namespace: string; kind: "module" | "provider"; name: string; initial: ScanFindingsResponse; versions: string[] }) {
  const params = useSearchParams();
  const [severity, setSeverity] = useState<Severity | "">("");
  const [text, setText] = useState("");
  const [sort, setSort] = useState<"severity" | "id" | "package">("severity");
  const version = params.get("f_version") ?? "";
  const binaryVersion = params.get("f_binary") ?? "";
  const q = new URLSearchParams();
  if (version) q.set("version", version);
  if (binaryVersion && kind === "provider") q.set("binaryVersion", binaryVersion);
  const query = q.toString();
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ["scan-findings", namespace, kind, name, query],
    queryFn: () => getJson<ScanFindingsResponse>(`${resourceApi(namespace, kind, name)}/scan-findings?${query}`),
    placeholderData: keepPreviousData,
    ...(query === "" ? { initialData: initial } : {}),
  });
  const current = data ?? initial;
  // Every version is selectable, scanned or not, so the selector never disappears.
  const options = [...new Set([...(current.selectedVersion ? [current.selectedVersion] : []), ...versions])];
  const filter = (list: FindingJson[]) =>
    list
      .filter((f) => (severity === "" ? true : RANK[f.severity] <= RANK[severity]))
      .filter((f) => {
        const t = text.trim().toLowerCase();
        return t === "" || [f.vulnerabilityID, f.pkgName, f.title ?? ""].some((x) => x.toLowerCase().includes(t));
      })
      .sort((a, b) => (sort === "severity" ? RANK[a.severity] - RANK[b.severity] : sort === "id" ? (a.vulnerabilityID < b.vulnerabilityID ? -1 : 1) : a.pkgName < b.pkgName ? -1 : 1));
  return (
    <section aria-labelledby="findings-heading" className="mt-8">
      <h2 id="findings-heading" className="text-lg font-semibold">
        Scan findings
      </h2>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block text-xs font-medium">Version</span>
          <select className={field} value={current.selectedVersion ?? ""} onChange={(e) => replaceParams({ f_version: e.target.value })} data-testid="findings-version">
            {options.map((v) => (
              <option key={v} value={v}>
                {v}
                {current.scannedVersions?.includes(v) || current.binaryVersions?.includes(v) ? "" : " (not scanned)"}
              </option>
            ))}
          </select>
        </label>
        {kind === "provider" ? (
          <label className="text-sm">
            <span className="block text-xs font-medium">Binary findings of</span>
            <select className={field} value={current.selectedBinaryVersion ?? ""} onChange={(e) => replaceParams({ f_binary: e.target.value })}>
              {[...new Set([...(current.selectedBinaryVersion ? [current.selectedBinaryVersion] : []), ...versions])].map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="text-sm">
          <span className="block text-xs font-medium">Severity (at or above)</span>
          <select className={field} value={severity} onChange={(e) => setSeverity(e.target.value as Severity | "")}>
            <option value="">Any</option>
            {(Object.keys(RANK) as Severity[]).map((s) => (
              <option key={s} value={s}>
                {s.charAt(0) + s.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium">Search findings</span>
          <input type="search" className={field} value={text} onChange={(e) => setText(e.target.value)} placeholder="CVE, package, title" />
        </label>
        <label className="text-sm">
          <span className="block text-xs font-medium">Sort by</span>
          <select className={field} value={sort} onChange={(e) => setSort(e.target.value as typeof sort)}>
            <option value="severity">Severity</option>
            <option value="id">ID</option>
            <option value="package">Package</option>
          </select>
        </label>
        <button type="button" className={field} onClick={() => void refetch()} disabled={isFetching} aria-label="Refresh scan findings">
          <span aria-hidden="true" className={isFetching ? "inline-block animate-spin" : "inline-block"}>
            ↻
          </span>{" "}
          {isFetching ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-800 dark:text-red-200">
          Refreshing the findings failed: {(error as Error).message}
        </p>
      ) : null}
      <div className="mt-3 space-y-4" data-testid="findings">
        {current.sourceScanFindings ? (
          <FindingsTable findings={filter(current.sourceScanFindings)} total={current.sourceScanFindings.length} caption={`Source scan of ${current.selectedVersion}`} />
        ) : (
          <p className="text-sm">{current.selectedVersion ? `Version ${current.selectedVersion} has no source scan.` : "No version to show."}</p>
        )}
        {kind === "provider"
          ? current.binaryScanFindings
            ? Object.entries(current.binaryScanFindings).map(([platform, list]) => <FindingsTable key={platform} findings={filter(list)} total={list.length} caption={`Binary scan of ${current.selectedBinaryVersion} for ${platform}`} />)
            : <p className="text-sm">Version {current.selectedBinaryVersion} has no binary scan.</p>
          : null}
      </div>
    </section>
  );
}
