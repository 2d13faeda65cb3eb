// Status badges that carry their meaning in text, never in colour alone.

import type { Severity } from "@/lib/registry/findings";
import { cn } from "./cn";

const SYNC = new Map([
  ["synced", { label: "Synced", cls: "bg-emerald-50 text-emerald-900 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-100" }],
  ["progressing", { label: "Syncing", cls: "bg-amber-50 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-100" }],
  ["failed", { label: "Sync failed", cls: "bg-red-50 text-red-900 ring-red-600/30 dark:bg-red-950 dark:text-red-100" }],
]);

export function SyncBadge({ state, className }: { state: string; className?: string }) {
  const s = SYNC.get(state) ?? SYNC.get("progressing")!;
  return <span className={cn("inline-flex rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset", s.cls, className)}>{s.label}</span>;
}

const SEV: Record<Severity, string> = {
  CRITICAL: "bg-red-700 text-white",
  HIGH: "bg-orange-700 text-white",
  MEDIUM: "bg-amber-300 text-amber-950",
  LOW: "bg-sky-200 text-sky-950",
  UNKNOWN: "bg-slate-300 text-slate-900",
};

export function SeverityBadge({ severity, count, className }: { severity: Severity; count?: number; className?: string }) {
  return (
    <span className={cn("inline-flex rounded px-1.5 py-0.5 text-xs font-semibold", SEV[severity], className)}>
      {count !== undefined ? `${count} ` : ""}
      {severity.charAt(0) + severity.slice(1).toLowerCase()}
    </span>
  );
}

export function VisibilityBadge({ isPublic }: { isPublic: boolean }) {
  return (
    <span className="inline-flex items-center gap-1 text-xs text-slate-700 dark:text-slate-300">
      <span aria-hidden="true">{isPublic ? "◎" : "🔒"}</span>
      {isPublic ? "Public" : "Private"}
    </span>
  );
}
