// A Registry card: name (full name in a tooltip when cut), a description line, where it lives, and
// one status line that speaks only when something needs attention.

import { TriangleAlert } from "lucide";
import { Icon } from "@/components/ui/icon";
import type { CardExtras } from "@/lib/browse/card-summary";
import type { Card } from "@/lib/browse/json";
import { highestSeverity } from "@/lib/registry/findings";
import { resourcePath } from "@/lib/routes";
import { SeverityBadge, VisibilityBadge } from "@/components/ui/badges";
import { cardClass } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatCount } from "@/components/ui/format";
import { ProviderLogo } from "@/components/ui/provider-logo";

/** What needs attention on a card, in words; undefined when all is well. */
export function cardAttention(
  card: Card,
  latestState: string | undefined,
): { text: string; severity?: "CRITICAL" | "HIGH" } | undefined {
  const sev = highestSeverity(card.scanCounts);
  const urgent = sev === "CRITICAL" || sev === "HIGH" ? sev : undefined;
  const notSynced =
    latestState === "failed"
      ? `v${card.latestVersion} failed to sync`
      : latestState === "progressing"
        ? `v${card.latestVersion} is still syncing`
        : undefined;
  if (!urgent && !notSynced) return undefined;
  return {
    text: [notSynced, urgent ? "latest version has findings" : undefined].filter(Boolean).join(" · "),
    ...(urgent ? { severity: urgent } : {}),
  };
}

export function ResourceCard({ card, extras }: { card: Card; extras?: CardExtras }) {
  const logo = card.kind === "provider" ? card.registryName : card.provider;
  const attention = cardAttention(card, extras?.latestState);
  const sevCount = attention?.severity
    ? card.scanCounts?.[attention.severity === "CRITICAL" ? "critical" : "high"]
    : undefined;
  return (
    <li
      className={cn(cardClass, "relative flex flex-col gap-2 p-4 focus-within:border-accent hover:border-accent")}
      data-testid="resource-card"
    >
      <div className="flex items-start gap-3">
        <ProviderLogo {...(logo ? { provider: logo } : {})} />
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold" title={card.name}>
            {/* The whole card is the link's hit area (::after), the name its accessible text. */}
            <a href={resourcePath(card)} className="after:absolute after:inset-0 after:rounded-lg hover:underline">
              {card.name}
            </a>
          </h2>
          <p
            className="truncate text-sm text-muted"
            title={`${card.namespace} · ${card.kind} · ${card.latestVersion ?? "no version"}`}
          >
            {card.namespace} · {card.kind === "module" ? "Module" : "Provider"}
            {card.latestVersion ? ` · v${card.latestVersion}` : " · no version yet"}
          </p>
        </div>
      </div>
      <p
        className="line-clamp-2 min-h-10 text-sm"
        data-testid="card-description"
        {...(extras?.summary ? { "data-from": extras.summary.from, title: extras.summary.text } : {})}
      >
        {extras?.summary ? extras.summary.text : <span className="text-muted">No description.</span>}
      </p>
      <div className="mt-auto space-y-1.5 text-xs">
        {attention ? (
          <p className="flex items-start gap-1.5 text-warning" data-testid="card-attention">
            <Icon node={TriangleAlert} aria-hidden="true" className="mt-0.5 h-3.5 w-3.5 shrink-0" />
            {attention.severity ? (
              <SeverityBadge severity={attention.severity} {...(sevCount !== undefined ? { count: sevCount } : {})} />
            ) : null}
            <span>{attention.text}</span>
          </p>
        ) : null}
        <div className="flex items-center justify-between gap-3">
          <VisibilityBadge isPublic={card.public} />
          {card.totalDownloads !== undefined ? (
            <span className="text-muted">{formatCount(card.totalDownloads)} downloads</span>
          ) : null}
        </div>
      </div>
    </li>
  );
}
