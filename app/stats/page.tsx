import { formatBinaryBytes } from "@/components/ui/format";
import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { getStats, type StatsResponse } from "@/lib/browse/stats";
import { listNamespaces } from "@/lib/browse/namespaces";
import { pageContext } from "@/lib/server/page-context";
import { toSearchParams } from "@/lib/server/search-params";
import { StatsNamespaceFilter } from "@/components/stats/namespace-filter";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stats" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const n = new Intl.NumberFormat("en");


const pct = (part: number, total: number) => (total === 0 ? 0 : Math.round((part / total) * 1000) / 10);

function Summary({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <dt className="text-sm text-slate-700 dark:text-slate-300">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export default async function StatsPage({ searchParams }: Props) {
  const ctx = await pageContext();
  const params = toSearchParams(await searchParams);
  const namespace = params.get("namespace") ?? "";
  if (!ctx.state || !ctx.viewer) return <main id="main" className="p-6"><h1 className="text-2xl font-semibold">Stats</h1><p>The registry is loading; reload in a moment.</p></main>;
  const s: StatsResponse = getStats(ctx.state, ctx.viewer, namespace ? new URLSearchParams({ namespace }) : new URLSearchParams());
  const namespaces = listNamespaces(ctx.state, ctx.viewer, new URLSearchParams("include=visible")).items.map((x) => x.name);
  const versions = s.syncHealth.syncedVersions + s.syncHealth.unsyncedVersions + s.syncHealth.failedVersions;
  const sync = [
    { label: "Synced", value: s.syncHealth.syncedVersions, cls: "bg-emerald-600" },
    { label: "Progressing", value: s.syncHealth.unsyncedVersions, cls: "bg-amber-400" },
    { label: "Failed", value: s.syncHealth.failedVersions, cls: "bg-red-600" },
  ];
  const severities = [
    ["CRITICAL", s.securityPosture.critical],
    ["HIGH", s.securityPosture.high],
    ["MEDIUM", s.securityPosture.medium],
    ["LOW", s.securityPosture.low],
    ["UNKNOWN", s.securityPosture.unknown],
  ] as const;
  const maxBackend = Math.max(1, ...s.storageDistribution.map((b) => b.count));
  const registryLink = (extra: string) => `/?${namespace ? `namespace=${encodeURIComponent(namespace)}&` : ""}${extra}`;
  return (
    <main id="main" className="mx-auto max-w-6xl p-4 md:p-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">Stats{namespace ? ` · ${namespace}` : ""}</h1>
        <StatsNamespaceFilter namespaces={namespaces} value={namespace} />
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <Summary label="Modules" value={n.format(s.totalModules)} testId="stat-modules" />
        <Summary label="Providers" value={n.format(s.totalProviders)} testId="stat-providers" />
        <Summary label="Versions" value={n.format(s.totalVersions)} testId="stat-versions" />
        <Summary label="Depots" value={n.format(s.totalDepots)} testId="stat-depots" />
        <Summary label="Storage used" value={formatBinaryBytes(s.totalStorageBytes)} testId="stat-storage" />
        <Summary label="Downloads" value={s.downloadsAvailable ? n.format(s.totalDownloads) : "unavailable"} testId="stat-downloads" />
      </dl>

      <section aria-labelledby="sync-heading" className="mt-8">
        <h2 id="sync-heading" className="text-lg font-semibold">
          Sync health
        </h2>
        <div className="mt-2 flex h-4 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800" role="img" aria-label={sync.map((x) => `${x.label}: ${x.value} (${pct(x.value, versions)}%)`).join(", ")}>
          {sync.map((x) => (x.value > 0 ? <div key={x.label} className={x.cls} style={{ width: `${pct(x.value, versions)}%` }} /> : null))}
        </div>
        <ul className="mt-2 flex flex-wrap gap-4 text-sm">
          {sync.map((x) => (
            <li key={x.label} data-testid={`sync-${x.label.toLowerCase()}`}>
              <span aria-hidden="true" className={`mr-1 inline-block h-3 w-3 rounded-sm ${x.cls}`} />
              {x.label}: {n.format(x.value)} ({pct(x.value, versions)}%)
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="security-heading" className="mt-8">
        <h2 id="security-heading" className="text-lg font-semibold">
          Security posture (latest versions)
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="affected">
          {n.format(s.securityPosture.totalAffectedResources)} affected resources
        </p>
        <ul className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
          {severities.map(([sev, count]) => (
            <li key={sev}>
              <Link href={registryLink(`severity=${sev}`)} className="block rounded border border-slate-200 p-3 hover:border-blue-400 dark:border-slate-800" data-testid={`severity-${sev.toLowerCase()}`}>
                <span className="block text-xl font-semibold">{n.format(count)}</span>
                {sev.charAt(0) + sev.slice(1).toLowerCase()} findings
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="storage-heading" className="mt-8">
        <h2 id="storage-heading" className="text-lg font-semibold">
          Storage distribution (versions per backend)
        </h2>
        <ul className="mt-2 space-y-2 text-sm">
          {s.storageDistribution.length === 0 ? <li>No versions.</li> : null}
          {s.storageDistribution.map((b) => (
            <li key={b.backend} className="flex items-center gap-3">
              <span className="w-28 shrink-0">{b.backend}</span>
              <span className="h-3 rounded bg-blue-600" style={{ width: `${(b.count / maxBackend) * 60}%` }} aria-hidden="true" />
              <span>{n.format(b.count)}</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="downloads-heading" className="mt-8">
        <h2 id="downloads-heading" className="text-lg font-semibold">
          Most downloaded
        </h2>
        {!s.downloadsAvailable ? (
          <p className="text-sm">Download counts are unavailable right now.</p>
        ) : s.mostDownloaded.length === 0 ? (
          <p className="text-sm">No downloads recorded.</p>
        ) : (
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Most downloaded versions">
            <table className="mt-2 w-full text-left text-sm" data-testid="most-downloaded">
              <thead className="border-b border-slate-300 text-xs uppercase dark:border-slate-700">
                <tr>
                  <th scope="col" className="py-1 pr-3">Resource</th>
                  <th scope="col" className="py-1 pr-3">Version</th>
                  <th scope="col" className="py-1 pr-3">Downloads</th>
                  <th scope="col" className="py-1 pr-3">Last download</th>
                </tr>
              </thead>
              <tbody>
                {s.mostDownloaded.map((m) => (
                  <tr key={`${m.namespace}/${m.kind}/${m.name}/${m.version}`} className="border-b border-slate-200 dark:border-slate-800">
                    <td className="py-1 pr-3">
                      <Link href={`/${encodeURIComponent(m.namespace)}/${m.kind}/${encodeURIComponent(m.name)}`} className="text-blue-700 underline dark:text-blue-300">
                        {m.namespace}/{m.name}
                      </Link>{" "}
                      <span className="text-xs text-slate-600 dark:text-slate-400">{m.kind}</span>
                    </td>
                    <td className="py-1 pr-3 font-mono">{m.version}</td>
                    <td className="py-1 pr-3">{n.format(m.downloadCount)}</td>
                    <td className="py-1 pr-3">{m.lastDownloadedAt ? <LocalTime iso={m.lastDownloadedAt} /> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
