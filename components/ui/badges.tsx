// Status pills that carry their meaning in text, never in colour alone.

import { Globe, Lock } from "lucide";
import { Icon } from "./icon";
import type { ReactNode } from "react";
import type { ScanCounts, Severity } from "@/lib/registry/findings";
import { cn } from "./cn";

const PILL = "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap";

/** A neutral pill. */
export function Pill({ children, className, title }: { children: ReactNode; className?: string; title?: string }) {
  return (
    <span className={cn(PILL, "bg-subtle text-fg", className)} title={title}>
      {children}
    </span>
  );
}

// A Map: the state comes from data, so no name may reach Object.prototype.
const SYNC = new Map([
  ["synced", { label: "Synced", cls: "bg-success-soft text-success ring-success/40" }],
  ["progressing", { label: "Syncing", cls: "bg-warning-soft text-warning ring-warning/40" }],
  ["failed", { label: "Sync failed", cls: "bg-danger-soft text-danger ring-danger/40" }],
]);

export function SyncBadge({ state, className }: { state: string; className?: string }) {
  const s = SYNC.get(state) ?? SYNC.get("progressing")!;
  return <span className={cn(PILL, "ring-1 ring-inset", s.cls, className)}>{s.label}</span>;
}

const SEV: Record<Severity, string> = {
  CRITICAL: "bg-sev-critical text-on-sev-critical",
  HIGH: "bg-sev-high text-on-sev-high",
  MEDIUM: "bg-sev-medium text-on-sev-medium",
  LOW: "bg-sev-low text-on-sev-low",
  UNKNOWN: "bg-sev-unknown text-on-sev-unknown",
};

export { SEVERITIES } from "@/lib/registry/findings";
import { SEVERITIES } from "@/lib/registry/findings";

export const severityLabel = (s: Severity) => s.charAt(0) + s.slice(1).toLowerCase();

export function SeverityBadge({
  severity,
  count,
  className,
}: {
  severity: Severity;
  count?: number;
  className?: string;
}) {
  return (
    <span className={cn(PILL, "font-semibold", SEV[severity], className)}>
      {count !== undefined ? `${count} ` : ""}
      {severityLabel(severity)}
    </span>
  );
}

/** Counts as severity pills (zero counts left out); "None" when all are zero. */
export function SeverityCounts({ counts, className }: { counts: ScanCounts; className?: string }) {
  const present = SEVERITIES.filter((s) => counts[s.toLowerCase() as keyof ScanCounts] > 0);
  if (present.length === 0) return <span className={cn("text-xs text-success", className)}>None</span>;
  return (
    <span className={cn("inline-flex flex-wrap gap-1", className)}>
      {present.map((s) => (
        <SeverityBadge key={s} severity={s} count={counts[s.toLowerCase() as keyof ScanCounts]} />
      ))}
    </span>
  );
}

export function VisibilityBadge({ isPublic }: { isPublic: boolean }) {
  return (
    <span className="inline-flex items-center gap-1 text-xs text-muted">
      <Icon node={isPublic ? Globe : Lock} className="h-3.5 w-3.5" />
      {isPublic ? "Public" : "Private"}
    </span>
  );
}

/** "Any", then every severity: the options of a severity filter. */
export function SeverityOptions() {
  return (
    <>
      <option value="">Any</option>
      {SEVERITIES.map((s) => (
        <option key={s} value={s}>
          {severityLabel(s)}
        </option>
      ))}
    </>
  );
}
