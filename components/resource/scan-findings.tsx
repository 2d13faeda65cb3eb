"use client";

// Source and binary findings of a chosen version; the version selectors never disappear. For a
// provider the findings are grouped per platform — source and binary together, deduplicated
// the way the versions table counts them — so the panel and the table agree on every platform.

import { useSearchParams } from "next/navigation";
import { useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { ScanFindingsResponse } from "@/lib/browse/scan-findings";
import {
  countFindings,
  dedupeFindings,
  findingToJson,
  severityRank,
  type ReportedFinding,
  type Severity,
} from "@/lib/registry/findings";
import { ownValue } from "@/lib/own";
import { findingsApiQuery, resourceApiPath, type ResourceRef } from "@/lib/routes";
import { SeverityBadge, SeverityCounts, SeverityOptions } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Table, TableScroll, Td, Th, THead, Tr } from "@/components/ui/table";
import { replaceParams } from "./api";
import { useJson } from "./use-json";

type Scan = "Source" | "Binary";
type Row = ReportedFinding & { scan?: Scan };

/** An advisory page for CVE, GHSA and Trivy AVD ids; undefined for anything else. */
export function advisoryUrl(id: string): string | undefined {
  if (/^CVE-\d{4}-\d+$/i.test(id)) return `https://nvd.nist.gov/vuln/detail/${id.toUpperCase()}`;
  if (/^GHSA(-[0-9a-z]{4}){3}$/i.test(id)) return `https://github.com/advisories/GHSA-${id.slice(5).toLowerCase()}`;
  if (/^AVD-[A-Z]+-\d+$/i.test(id)) return `https://avd.aquasec.com/misconfig/${id.toLowerCase()}`;
  return undefined;
}

/** One platform's source and binary findings, deduplicated as its versions-table row counts them. */
export function platformFindings(source: readonly ReportedFinding[], binary: readonly ReportedFinding[]): Row[] {
  const tagged: Row[] = [
    ...source.map((f) => ({ ...f, scan: "Source" as const })),
    ...binary.map((f) => ({ ...f, scan: "Binary" as const })),
  ];
  const merged = dedupeFindings(
    tagged.map((f) => ({ ...f, fixedVersion: f.fixedVersion ?? "", title: f.title ?? "" })),
  );
  // dedupeFindings keeps the first occurrence's fields: recover its scan tag by position.
  return merged.map((f) => ({
    ...findingToJson(f),
    scan: tagged.find(
      (t) =>
        t.vulnerabilityID === f.vulnerabilityID && t.pkgName === f.pkgName && t.installedVersion === f.installedVersion,
    )!.scan!,
  }));
}

function FindingsTable({ findings, caption, withScan }: { findings: Row[]; caption: string; withScan?: boolean }) {
  return (
    <TableScroll label={caption} hint>
      <Table>
        <caption className="sr-only">{caption}</caption>
        <THead>
          <tr>
            <Th>Severity</Th>
            <Th>ID</Th>
            {withScan ? <Th>Scan</Th> : null}
            <Th>Package</Th>
            <Th className="hidden sm:table-cell">Installed</Th>
            <Th className="hidden sm:table-cell">Fixed in</Th>
            <Th className="min-w-48">Title</Th>
          </tr>
        </THead>
        <tbody>
          {findings.map((f, i) => {
            const url = advisoryUrl(f.vulnerabilityID);
            return (
              <Tr key={`${f.vulnerabilityID}|${f.pkgName}|${f.installedVersion}|${i}`}>
                <Td>
                  <SeverityBadge severity={f.severity} />
                </Td>
                <Td className="font-mono text-xs whitespace-nowrap">
                  {url ? (
                    <a href={url} rel="noopener noreferrer" className="text-link underline">
                      {f.vulnerabilityID}
                    </a>
                  ) : (
                    f.vulnerabilityID
                  )}
                </Td>
                {withScan ? <Td className="text-xs">{f.scan}</Td> : null}
                <Td className="break-all">{f.pkgName || "—"}</Td>
                <Td className="hidden font-mono text-xs sm:table-cell">{f.installedVersion || "—"}</Td>
                <Td className="hidden font-mono text-xs sm:table-cell">{f.fixedVersion ?? "—"}</Td>
                <Td>{f.title ?? ""}</Td>
              </Tr>
            );
          })}
        </tbody>
      </Table>
    </TableScroll>
  );
}

export function ScanFindings({
  resource,
  initial,
  versions,
  refreshIcon,
}: {
  resource: ResourceRef & { kind: "module" | "provider" };
  initial: ScanFindingsResponse;
  versions: string[];
  /** Rendered by the server: its drawing travels in the page, not in this bundle (README "Page weight"). */
  refreshIcon: ReactNode;
}) {
  const params = useSearchParams();
  const [severity, setSeverity] = useState<Severity | "">("");
  const [text, setText] = useState("");
  const [sort, setSort] = useState<"severity" | "id" | "package">("severity");
  const provider = resource.kind === "provider";
  const query = findingsApiQuery(params, resource.kind).toString();
  const api = resourceApiPath(resource, "scan-findings");
  const { data: current, isFetching, error, refetch } = useJson(`${api}?${query}`, `${api}?`, initial);
  // Every version is selectable, scanned or not, so the selector never disappears.
  const options = [...new Set([...(current.selectedVersion ? [current.selectedVersion] : []), ...versions])];
  const filter = <T extends ReportedFinding>(list: readonly T[]) =>
    list
      .filter((f) => (severity === "" ? true : severityRank(f.severity) >= severityRank(severity)))
      .filter((f) => {
        const t = text.trim().toLowerCase();
        return t === "" || [f.vulnerabilityID, f.pkgName, f.title ?? ""].some((x) => x.toLowerCase().includes(t));
      })
      .sort((a, b) =>
        sort === "severity"
          ? severityRank(b.severity) - severityRank(a.severity)
          : sort === "id"
            ? a.vulnerabilityID < b.vulnerabilityID
              ? -1
              : 1
            : a.pkgName < b.pkgName
              ? -1
              : 1,
      );
  const sameVersion =
    current.selectedBinaryVersion === undefined || current.selectedBinaryVersion === current.selectedVersion;
  const bySource = current.sourceScanFindingsByPlatform ?? {};
  const byBinary = current.binaryScanFindings ?? {};
  const platforms = [...new Set([...Object.keys(sameVersion ? bySource : {}), ...Object.keys(byBinary)])].sort();
  const perPlatform = platforms.map((p) => ({
    platform: p,
    rows: platformFindings(sameVersion ? (ownValue(bySource, p) ?? []) : [], ownValue(byBinary, p) ?? []),
  }));
  const clean = perPlatform.filter((x) => x.rows.length === 0).map((x) => x.platform);
  return (
    <section aria-labelledby="findings-heading" className="mt-8 min-w-0">
      <h2 id="findings-heading" className="text-lg font-semibold">
        Scan findings
      </h2>
      <div className="mt-2 grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap">
        <Field label="Version" htmlFor="f-version">
          <Select
            id="f-version"
            value={current.selectedVersion ?? ""}
            onChange={(e) => replaceParams({ f_version: e.target.value })}
            data-testid="findings-version"
          >
            {options.map((v) => (
              <option key={v} value={v}>
                {v}
                {current.scannedVersions?.includes(v) || current.binaryVersions?.includes(v) ? "" : " (not scanned)"}
              </option>
            ))}
          </Select>
        </Field>
        {provider ? (
          <Field label="Binary findings of" htmlFor="f-binary">
            <Select
              id="f-binary"
              value={current.selectedBinaryVersion ?? ""}
              onChange={(e) => replaceParams({ f_binary: e.target.value })}
            >
              {[
                ...new Set([...(current.selectedBinaryVersion ? [current.selectedBinaryVersion] : []), ...versions]),
              ].map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field label="Severity (at or above)" htmlFor="f-severity">
          <Select id="f-severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity | "")}>
            <SeverityOptions />
          </Select>
        </Field>
        <Field label="Search findings" htmlFor="f-text">
          <Input
            id="f-text"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="CVE, package, title"
          />
        </Field>
        <Field label="Sort by" htmlFor="f-sort">
          <Select id="f-sort" value={sort} onChange={(e) => setSort(e.target.value as typeof sort)}>
            <option value="severity">Severity</option>
            <option value="id">ID</option>
            <option value="package">Package</option>
          </Select>
        </Field>
        <Button onClick={refetch} disabled={isFetching} aria-label="Refresh scan findings">
          <span aria-hidden="true" className={cn("inline-flex", isFetching && "animate-spin")}>
            {refreshIcon}
          </span>
          {isFetching ? "Refreshing…" : "Refresh"}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          Refreshing the findings failed: {error.message}
        </p>
      ) : null}
      <div className="mt-3 space-y-4" data-testid="findings">
        {!provider || !sameVersion ? (
          current.sourceScanFindings ? (
            <FindingBlock
              title={`Source scan of ${current.selectedVersion}`}
              rows={current.sourceScanFindings}
              filter={filter}
            />
          ) : (
            <p className="text-sm">
              {current.selectedVersion
                ? `Version ${current.selectedVersion} has no source scan.`
                : "No version to show."}
            </p>
          )
        ) : null}
        {provider ? (
          platforms.length === 0 ? (
            <p className="text-sm">Version {current.selectedBinaryVersion ?? current.selectedVersion} has no scan.</p>
          ) : (
            <>
              {perPlatform
                .filter((x) => x.rows.length > 0)
                .map((x) => (
                  <FindingBlock
                    key={x.platform}
                    platform={x.platform}
                    title={`${x.platform} · ${sameVersion ? "source and binary scans" : "binary scan"} of ${current.selectedBinaryVersion ?? current.selectedVersion}`}
                    rows={x.rows}
                    filter={filter}
                    withScan={sameVersion}
                  />
                ))}
              {clean.length > 0 ? (
                <p className="text-sm text-success" data-testid="clean-platforms">
                  No findings on {clean.join(", ")} — {clean.length === 1 ? "its scans are" : "their scans are"} clean.
                </p>
              ) : null}
            </>
          )
        ) : null}
      </div>
    </section>
  );
}

function FindingBlock({
  title,
  rows,
  filter,
  platform,
  withScan,
}: {
  title: string;
  rows: Row[];
  filter: (l: readonly Row[]) => Row[];
  platform?: string;
  withScan?: boolean;
}) {
  const shown = filter(rows);
  return (
    <div data-testid="platform-findings" {...(platform ? { "data-platform": platform } : {})} className="min-w-0">
      <div className="mb-1 flex flex-wrap items-center gap-2 text-sm">
        <h3 className="font-medium">{title}</h3>
        {rows.length > 0 ? (
          <span data-testid="platform-counts">
            <SeverityCounts
              counts={countFindings(
                rows.map((f) => ({ ...f, fixedVersion: f.fixedVersion ?? "", title: f.title ?? "" })),
              )}
            />
          </span>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-success">No findings — the scan is clean.</p>
      ) : shown.length === 0 ? (
        <p className="text-sm">No finding matches the filters ({rows.length} in all).</p>
      ) : (
        <FindingsTable findings={shown} caption={title} {...(withScan ? { withScan } : {})} />
      )}
    </div>
  );
}
