// The detail header: facts about the latest version, in the same words and formats as the cards.

import { ExternalLink, Network } from "lucide";
import { Icon } from "@/components/ui/icon";
import type { ResourceDetail } from "@/lib/browse/detail";
import { highestSeverity } from "@/lib/registry/findings";
import { depotsPath, registryPath } from "@/lib/routes";
import { Pill, SeverityBadge, SyncBadge, VisibilityBadge } from "@/components/ui/badges";
import { formatCount } from "@/components/ui/format";
import { ProviderLogo } from "@/components/ui/provider-logo";

function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function ResourceHeader({
  detail,
  latestState,
  newestDownloadable,
}: {
  detail: ResourceDetail;
  latestState?: string;
  newestDownloadable?: string;
}) {
  const kind = detail.kind;
  const sev = highestSeverity(detail.scanCounts);
  const repo = safeHttpUrl(kind === "module" ? detail.repoUrl : detail.sourceRepository);
  return (
    <header>
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <a href={registryPath()} className="underline">
          Registry
        </a>{" "}
        /{" "}
        <a href={registryPath({ namespace: detail.namespace })} className="underline">
          {detail.namespace}
        </a>{" "}
        / {kind === "module" ? "Modules" : "Providers"}
      </nav>
      <div className="mt-2 flex items-start gap-3">
        <ProviderLogo
          {...(kind === "provider"
            ? { provider: detail.registryName }
            : detail.provider
              ? { provider: detail.provider }
              : {})}
          className="h-12 w-12"
        />
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold break-words">{detail.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm" data-testid="header-facts">
            {detail.latestVersion ? (
              <Pill className="font-mono">v{detail.latestVersion} latest</Pill>
            ) : (
              <span>No version yet</span>
            )}
            {latestState ? <SyncBadge state={latestState} /> : null}
            {newestDownloadable && newestDownloadable !== detail.latestVersion ? (
              <span className="text-muted">newest downloadable: v{newestDownloadable}</span>
            ) : null}
            {sev ? (
              <SeverityBadge
                severity={sev}
                count={detail.scanCounts![sev.toLowerCase() as keyof typeof detail.scanCounts]}
              />
            ) : detail.scanCounts ? (
              <span className="text-success">No findings in the latest version</span>
            ) : (
              <span className="text-muted">Latest version not scanned</span>
            )}
            <VisibilityBadge isPublic={detail.public} />
            {detail.totalDownloads !== undefined ? (
              <span data-testid="header-downloads">{formatCount(detail.totalDownloads)} downloads</span>
            ) : null}
          </p>
          <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {repo ? (
              <a href={repo} rel="noopener noreferrer" className="inline-flex items-center gap-1 text-link underline">
                <Icon node={ExternalLink} aria-hidden="true" className="h-3.5 w-3.5" />
                Source repository
              </a>
            ) : null}
            {detail.depotRef ? (
              <a
                href={depotsPath({ depot: `${detail.depotRef.namespace}/${detail.depotRef.name}` })}
                className="inline-flex items-center gap-1 text-link underline"
              >
                <Icon node={Network} aria-hidden="true" className="h-3.5 w-3.5" />
                Managed by depot {detail.depotRef.namespace}/{detail.depotRef.name}
              </a>
            ) : null}
          </p>
        </div>
      </div>
    </header>
  );
}
