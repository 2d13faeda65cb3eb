import { RefreshCw } from "lucide";
import { Icon } from "@/components/ui/icon";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { blockingState } from "@/app/_components/page-state";
import { Overview } from "@/components/resource/overview";
import { Readme } from "@/components/resource/readme";
import { ResourceHeader } from "@/components/resource/resource-header";
import { ScanFindings } from "@/components/resource/scan-findings";
import { UsageSnippet, type SnippetVersion } from "@/components/resource/usage-snippet";
import { VersionsTable } from "@/components/resource/versions-table";
import { Card } from "@/components/ui/card";
import { PageMain } from "@/components/ui/page-header";
import { rowsSyncState } from "@/lib/browse/card-summary";
import { moduleInterfaceTabs } from "./_components/module-interface";
import { getResourceDetail, type ResourceDetail } from "@/lib/browse/detail";
import type { VersionRow } from "@/lib/browse/json";
import { getScanFindings } from "@/lib/browse/scan-findings";
import { listVersions } from "@/lib/browse/versions";
import { AppError } from "@/lib/errors";
import { versionsApiQuery } from "@/lib/routes";
import { pageContext } from "@/app/_server/page-context";
import { toSearchParams } from "@/lib/server/search-params";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ namespace: string; kind: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** A path segment as text; a malformed escape stays as written instead of failing the page. */
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await params;
  return { title: `${segment(p.name)} · ${segment(p.namespace)}` };
}

/** Distinct versions, newest first, each downloadable only when every one of its rows synced. */
function snippetVersions(rows: readonly VersionRow[]): SnippetVersion[] {
  const byVersion = new Map<string, VersionRow[]>();
  for (const r of rows) byVersion.set(r.version, [...(byVersion.get(r.version) ?? []), r]);
  return [...byVersion].map(([version, rs]) => ({ version, synced: rowsSyncState(rs) === "synced" }));
}

export default async function ResourcePage({ params, searchParams }: Props) {
  const path = await params;
  const query = toSearchParams(await searchParams);
  const ctx = await pageContext();
  const blocked = blockingState(ctx, segment(path.name));
  if (blocked || !ctx.state || !ctx.viewer) return blocked;
  let detail: ResourceDetail;
  try {
    detail = await getResourceDetail(ctx.state, ctx.viewer, path);
  } catch (err) {
    // Missing, invisible, or a kind that is neither module nor provider: the same 404.
    if (err instanceof AppError && (err.code === "not_found" || err.code === "bad_request")) notFound();
    throw err;
  }
  const resource = { namespace: detail.namespace, kind: detail.kind, name: detail.name };
  const versionsQuery = versionsApiQuery(query);
  let versions: ReturnType<typeof listVersions>;
  try {
    versions = listVersions(ctx.state, ctx.viewer, path, versionsQuery);
  } catch {
    versions = listVersions(ctx.state, ctx.viewer, path, new URLSearchParams());
  }
  const findings = getScanFindings(ctx.state, ctx.viewer, path, new URLSearchParams());
  const rows = detail.versions ?? [];
  const snippet = snippetVersions(rows);
  const latestRows = rows.filter((r) => r.version === detail.latestVersion);
  const base = ctx.runtime.config.publicBaseUrl;
  const host = base ? base.host : ((await headers()).get("host") ?? "localhost");
  const latestState = rowsSyncState(latestRows);
  const newestDownloadable = snippet.find((v) => v.synced)?.version;
  const iface = detail.kind === "module" ? await moduleInterfaceTabs(ctx, path, query) : undefined;
  return (
    <PageMain>
      <ResourceHeader
        detail={detail}
        {...(latestState ? { latestState } : {})}
        {...(newestDownloadable ? { newestDownloadable } : {})}
      />
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <UsageSnippet
            kind={detail.kind}
            host={host}
            namespace={detail.namespace}
            registryName={detail.registryName}
            {...(detail.provider ? { provider: detail.provider } : {})}
            versions={snippet}
            {...(detail.latestVersion ? { latest: detail.latestVersion } : {})}
            {...(iface?.requiredInputs ? { requiredInputs: iface.requiredInputs } : {})}
          />
          {detail.kind === "module" && iface
            ? iface.render(
                <Card as="section" aria-labelledby="readme-heading" data-testid="readme-section">
                  <h2 id="readme-heading" className="sr-only">
                    README
                  </h2>
                  {detail.readmeContent ? (
                    <Readme markdown={detail.readmeContent} />
                  ) : (
                    <p className="text-sm">This version has no README.</p>
                  )}
                </Card>,
              )
            : null}
        </div>
        <Overview detail={detail} />
      </div>
      <VersionsTable resource={resource} initial={versions} initialQuery={versionsQuery.toString()} />
      <ScanFindings
        resource={resource}
        initial={findings}
        versions={snippet.map((v) => v.version)}
        refreshIcon={<Icon node={RefreshCw} className="h-4 w-4" />}
      />
    </PageMain>
  );
}
