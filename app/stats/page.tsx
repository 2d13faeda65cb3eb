import type { Metadata } from "next";
import { blockingState } from "@/app/_components/page-state";
import { SEVERITIES, SeverityBadge } from "@/components/ui/badges";
import { Card } from "@/components/ui/card";
import { formatBinaryBytes, formatCount } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader, PageMain } from "@/components/ui/page-header";
import { Table, TableScroll, Td, Th, THead, Tr } from "@/components/ui/table";
import { registryPath, resourcePath } from "@/lib/routes";
import { getStats, type StatsResponse } from "@/lib/browse/stats";
import { listNamespaces } from "@/lib/browse/namespaces";
import { pageContext } from "@/app/_server/page-context";
import { toSearchParams } from "@/lib/server/search-params";
import { backendLabel } from "@/components/resource/overview";
import { StatsNamespaceFilter } from "@/components/stats/namespace-filter";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stats" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const n = { format: formatCount };

const pct = (part: number, total: number) => (total === 0 ? 0 : Math.round((part / total) * 1000) / 10);

function Summary({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card>
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold" data-testid={testId}>
        {value}
      </dd>
    </Card>
  );
}

export default async function StatsPage({ searchParams }: Props) {
  const ctx = await pageContext();
  const params = toSearchParams(await searchParams);
  const namespace = params.get("namespace") ?? "";
  const blocked = blockingState(ctx, "Stats");
  if (blocked || !ctx.state || !ctx.viewer) return blocked;
  const s: StatsResponse = getStats(
    ctx.state,
    ctx.viewer,
    namespace ? new URLSearchParams({ namespace }) : new URLSearchParams(),
  );
  const namespaces = listNamespaces(ctx.state, ctx.viewer, new URLSearchParams("include=visible")).items.map(
    (x) => x.name,
  );
  const versions = s.syncHealth.syncedVersions + s.syncHealth.unsyncedVersions + s.syncHealth.failedVersions;
  const sync = [
    { label: "Synced", value: s.syncHealth.syncedVersions, cls: "bg-success" },
    { label: "Progressing", value: s.syncHealth.unsyncedVersions, cls: "bg-sev-medium" },
    { label: "Failed", value: s.syncHealth.failedVersions, cls: "bg-danger" },
  ];
  const severities = SEVERITIES.map((sev) => [sev, s.securityPosture[sev.toLowerCase() as "critical"]] as const);
  const maxBackend = Math.max(1, ...s.storageDistribution.map((b) => b.count));
  const registryLink = (severity: string) => registryPath({ ...(namespace ? { namespace } : {}), severity });
  return (
    <PageMain>
      <PageHeader
        title={`Stats${namespace ? ` · ${namespace}` : ""}`}
        actions={<StatsNamespaceFilter namespaces={namespaces} value={namespace} />}
      />
      <dl className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <Summary label="Modules" value={n.format(s.totalModules)} testId="stat-modules" />
        <Summary label="Providers" value={n.format(s.totalProviders)} testId="stat-providers" />
        <Summary label="Versions" value={n.format(s.totalVersions)} testId="stat-versions" />
        <Summary label="Depots" value={n.format(s.totalDepots)} testId="stat-depots" />
        <Summary label="Storage used" value={formatBinaryBytes(s.totalStorageBytes)} testId="stat-storage" />
        <Summary
          label="Downloads"
          value={s.downloadsAvailable ? n.format(s.totalDownloads) : "unavailable"}
          testId="stat-downloads"
        />
      </dl>

      <section aria-labelledby="sync-heading" className="mt-8">
        <h2 id="sync-heading" className="text-lg font-semibold">
          Sync health
        </h2>
        <div
          className="mt-2 flex h-4 w-full overflow-hidden rounded bg-subtle"
          role="img"
          aria-label={sync.map((x) => `${x.label}: ${x.value} (${pct(x.value, versions)}%)`).join(", ")}
        >
          {sync.map((x) =>
            x.value > 0 ? (
              <div key={x.label} className={x.cls} style={{ width: `${pct(x.value, versions)}%` }} />
            ) : null,
          )}
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
        <p className="text-sm text-muted" data-testid="affected">
          {n.format(s.securityPosture.totalAffectedResources)} affected resources
        </p>
        <ul className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-3 lg:grid-cols-5">
          {severities.map(([sev, count]) => (
            <li key={sev}>
              <a
                href={registryLink(sev)}
                className="block rounded-lg border border-line bg-surface p-3 hover:border-accent"
                data-testid={`severity-${sev.toLowerCase()}`}
              >
                <span className="block text-xl font-semibold">{n.format(count)}</span>
                <span className="mt-1 flex flex-wrap items-center gap-1">
                  <SeverityBadge severity={sev} /> findings
                </span>
              </a>
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
              <span className="w-28 shrink-0 sm:w-44">{backendLabel(b.backend)}</span>
              <span
                className="h-3 rounded bg-accent"
                style={{ width: `${(b.count / maxBackend) * 60}%` }}
                aria-hidden="true"
              />
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
          <TableScroll label="Most downloaded versions" className="mt-2">
            <Table data-testid="most-downloaded">
              <THead>
                <tr>
                  <Th>Resource</Th>
                  <Th>Version</Th>
                  <Th>Downloads</Th>
                  <Th>Last download</Th>
                </tr>
              </THead>
              <tbody>
                {s.mostDownloaded.map((m) => (
                  <Tr key={`${m.namespace}/${m.kind}/${m.name}/${m.version}`}>
                    <Td>
                      <a href={resourcePath(m)} className="text-link underline">
                        {m.namespace}/{m.name}
                      </a>{" "}
                      <span className="text-xs text-muted">{m.kind}</span>
                    </Td>
                    <Td className="font-mono">{m.version}</Td>
                    <Td>{n.format(m.downloadCount)}</Td>
                    <Td>{m.lastDownloadedAt ? <LocalTime iso={m.lastDownloadedAt} relative /> : "—"}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </TableScroll>
        )}
      </section>
    </PageMain>
  );
}
