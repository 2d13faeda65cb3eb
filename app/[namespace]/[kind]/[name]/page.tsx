import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QueryProvider } from "@/components/providers/query-provider";
import { DownloadTrend } from "@/components/resource/download-trend";
import { Readme } from "@/components/resource/readme";
import { ScanFindings } from "@/components/resource/scan-findings";
import { UsageSnippet } from "@/components/resource/usage-snippet";
import { VersionsTable } from "@/components/resource/versions-table";
import { moduleInterfaceTabs } from "./_components/module-interface";
import { SeverityBadge, SyncBadge, VisibilityBadge } from "@/components/ui/badges";
import { ProviderLogo } from "@/components/ui/provider-logo";
import { getResourceDetail, type ResourceDetail } from "@/lib/browse/detail";
import { getScanFindings } from "@/lib/browse/scan-findings";
import { listVersions } from "@/lib/browse/versions";
import { AppError } from "@/lib/errors";
import { highestSeverity } from "@/lib/registry/findings";
import type { StorageConfigView } from "@/lib/registry/storage";
import { pageContext } from "@/lib/server/page-context";
import { toSearchParams } from "@/lib/server/search-params";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ namespace: string; kind: string; name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await params;
  return { title: `${decodeURIComponent(p.name)} · ${decodeURIComponent(p.namespace)}` };
}

function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

function StorageRows({ view, from }: { view: StorageConfigView; from?: string }) {
  const entries = Object.entries(view).filter(([k]) => k !== "backend" && k !== "inheritedFrom");
  return (
    <>
      <dt className="font-medium">Storage</dt>
      <dd>
        {view.backend || "no backend"}
        {from ? ` (inherited from depot ${from})` : ""}
        {entries.length > 0 ? (
          <ul className="text-xs text-slate-700 dark:text-slate-300">
            {entries.map(([k, v]) => (
              <li key={k}>
                {k}: {String(v)}
              </li>
            ))}
          </ul>
        ) : null}
      </dd>
    </>
  );
}

export default async function ResourcePage({ params, searchParams }: Props) {
  const path = await params;
  const query = toSearchParams(await searchParams);
  const ctx = await pageContext();
  if (!ctx.state || !ctx.viewer) return <main id="main" className="p-6"><h1 className="text-2xl font-semibold">Loading</h1><p>The registry is loading; reload in a moment.</p></main>;
  let detail: ResourceDetail;
  try {
    detail = await getResourceDetail(ctx.state, ctx.viewer, path);
  } catch (err) {
    // Missing, invisible, or a kind that is neither module nor provider: the same 404.
    if (err instanceof AppError && (err.code === "not_found" || err.code === "bad_request")) notFound();
    throw err;
  }
  const kind = detail.kind;
  const versionsQuery = new URLSearchParams();
  for (const [k, api] of [["v_q", "q"], ["v_synced", "synced"], ["v_os", "os"], ["v_arch", "arch"], ["v_page", "page"], ["v_size", "page_size"]] as const) {
    const v = query.get(k);
    if (v) versionsQuery.set(api, v);
  }
  let versions: ReturnType<typeof listVersions>;
  try {
    versions = listVersions(ctx.state, ctx.viewer, path, versionsQuery);
  } catch {
    versions = listVersions(ctx.state, ctx.viewer, path, new URLSearchParams());
  }
  const findings = getScanFindings(ctx.state, ctx.viewer, path, new URLSearchParams());
  const distinctVersions = [...new Set((detail.versions ?? []).map((v) => v.version))];
  const base = ctx.runtime.config.publicBaseUrl;
  const host = base ? base.host : ((await headers()).get("host") ?? "localhost");
  const sev = highestSeverity(detail.scanCounts);
  const repo = safeHttpUrl(detail.kind === "module" ? detail.repoUrl : detail.sourceRepository);
  const iface = kind === "module" ? await moduleInterfaceTabs(ctx, path, query) : undefined;
  return (
    <main id="main" className="mx-auto max-w-6xl p-4 md:p-6">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        <Link href="/" className="underline">
          Registry
        </Link>{" "}
        / <Link href={`/?namespace=${encodeURIComponent(detail.namespace)}`} className="underline">{detail.namespace}</Link> / {kind === "module" ? "Modules" : "Providers"}
      </p>
      <div className="mt-2 flex items-start gap-3">
        <ProviderLogo {...(kind === "provider" ? { provider: detail.registryName } : detail.provider ? { provider: detail.provider } : {})} className="h-12 w-12" />
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold break-words">{detail.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
            {detail.latestVersion ? <span>Latest v{detail.latestVersion}</span> : <span>No version yet</span>}
            <SyncBadge state={detail.syncState} />
            {sev ? <SeverityBadge severity={sev} count={detail.scanCounts![sev.toLowerCase() as keyof typeof detail.scanCounts]} /> : detail.scanCounts ? <span className="text-emerald-800 dark:text-emerald-200">No findings in the latest version</span> : <span>Latest version not scanned</span>}
            <VisibilityBadge isPublic={detail.public} />
            {detail.totalDownloads !== undefined ? <span>{detail.totalDownloads} downloads</span> : null}
          </p>
          <p className="mt-1 flex flex-wrap gap-3 text-sm">
            {repo ? (
              <a href={repo} rel="noopener noreferrer" className="text-blue-700 underline dark:text-blue-300">
                Source repository
              </a>
            ) : null}
            {detail.depotRef ? (
              <Link href={`/depots?depot=${encodeURIComponent(`${detail.depotRef.namespace}/${detail.depotRef.name}`)}`} className="text-blue-700 underline dark:text-blue-300">
                Managed by depot {detail.depotRef.namespace}/{detail.depotRef.name}
              </Link>
            ) : null}
          </p>
        </div>
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <UsageSnippet kind={kind} host={host} namespace={detail.namespace} registryName={detail.registryName} {...(detail.provider ? { provider: detail.provider } : {})} versions={distinctVersions} {...(detail.latestVersion ? { latest: detail.latestVersion } : {})} {...(iface?.requiredInputs ? { requiredInputs: iface.requiredInputs } : {})} />
          {kind === "module" && iface ? iface.render(
            <section aria-labelledby="readme-heading" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <h2 id="readme-heading" className="sr-only">
                README
              </h2>
              {detail.readmeContent ? <Readme markdown={detail.readmeContent} /> : <p className="text-sm">This version has no README.</p>}
            </section>,
          ) : null}
        </div>
        <aside aria-labelledby="overview-heading" className="rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800">
          <h2 id="overview-heading" className="text-lg font-semibold">
            Overview
          </h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="font-medium">Registry name</dt>
            <dd className="break-all">{detail.registryName}</dd>
            {detail.providerNamespace ? (
              <>
                <dt className="font-medium">Provider namespace</dt>
                <dd>{detail.providerNamespace}</dd>
              </>
            ) : null}
            {detail.repoOwner ? (
              <>
                <dt className="font-medium">Repository owner</dt>
                <dd>{detail.repoOwner}</dd>
              </>
            ) : null}
            {detail.versionConstraints ? (
              <>
                <dt className="font-medium">Version constraints</dt>
                <dd className="font-mono">{detail.versionConstraints}</dd>
              </>
            ) : null}
            {detail.versionHistoryLimit !== undefined ? (
              <>
                <dt className="font-medium">History limit</dt>
                <dd>{detail.versionHistoryLimit}</dd>
              </>
            ) : null}
            {detail.storageConfig ? <StorageRows view={detail.storageConfig} /> : null}
            {detail.inheritedStorageConfig ? <StorageRows view={detail.inheritedStorageConfig} from={`${detail.inheritedStorageConfig.inheritedFrom.namespace}/${detail.inheritedStorageConfig.inheritedFrom.name}`} /> : null}
            {detail.githubConfig ? (
              <>
                <dt className="font-medium">GitHub client</dt>
                <dd>{detail.githubConfig.useAuthenticatedClient ? "authenticated" : "anonymous"}</dd>
              </>
            ) : null}
          </dl>
          {detail.downloadTrend ? (
            <div className="mt-4">
              <h3 className="font-semibold">Downloads, last 30 days</h3>
              <DownloadTrend points={detail.downloadTrend} />
            </div>
          ) : null}
        </aside>
      </div>

      <QueryProvider>
        <VersionsTable namespace={detail.namespace} kind={kind} name={detail.name} initial={versions} initialQuery={versionsQuery.toString()} />
        <ScanFindings namespace={detail.namespace} kind={kind} name={detail.name} initial={findings} versions={distinctVersions} />
      </QueryProvider>
    </main>
  );
}
