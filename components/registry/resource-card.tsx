import Link from "next/link";
import type { Card } from "@/lib/browse/json";
import { highestSeverity } from "@/lib/registry/findings";
import { SeverityBadge, SyncBadge, VisibilityBadge } from "@/components/ui/badges";
import { ProviderLogo } from "@/components/ui/provider-logo";

const numberFormat = new Intl.NumberFormat("en");

export function ResourceCard({ card }: { card: Card }) {
  const sev = highestSeverity(card.scanCounts);
  const logo = card.kind === "provider" ? card.registryName : card.provider;
  return (
    <li className="min-w-0 rounded-lg border border-slate-200 p-4 hover:border-blue-400 dark:border-slate-800 dark:hover:border-blue-500" data-testid="resource-card">
      <div className="flex items-start gap-3">
        <ProviderLogo {...(logo ? { provider: logo } : {})} />
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold">
            <Link href={`/${encodeURIComponent(card.namespace)}/${card.kind}/${encodeURIComponent(card.name)}`} className="hover:underline">
              {card.name}
            </Link>
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {card.namespace} · {card.kind === "module" ? "Module" : "Provider"}
            {card.latestVersion ? ` · v${card.latestVersion}` : ""}
          </p>
        </div>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <SyncBadge state={card.syncState} />
        {card.hasUnsyncedVersions ? <span className="text-xs text-amber-800 dark:text-amber-200">Some versions out of sync</span> : null}
        {card.scanCounts ? (
          sev ? (
            <SeverityBadge severity={sev} count={card.scanCounts[sev.toLowerCase() as keyof typeof card.scanCounts]} />
          ) : (
            <span className="text-xs text-emerald-800 dark:text-emerald-200">No findings</span>
          )
        ) : (
          <span className="text-xs text-slate-600 dark:text-slate-400">Not scanned</span>
        )}
        <VisibilityBadge isPublic={card.public} />
        {card.totalDownloads !== undefined ? (
          <span className="ml-auto text-xs text-slate-700 dark:text-slate-300">{numberFormat.format(card.totalDownloads)} downloads</span>
        ) : null}
      </div>
    </li>
  );
}
