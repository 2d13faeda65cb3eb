// Messages that need attention: tone in colour *and* words (a title), role by urgency.

import type { ReactNode } from "react";
import { cn } from "./cn";

const TONE = {
  info: "border-info/40 bg-info-soft text-fg",
  warning: "border-warning/50 bg-warning-soft text-fg",
  danger: "border-danger/50 bg-danger-soft text-fg",
  success: "border-success/50 bg-success-soft text-fg",
} as const;

export function Alert({
  tone = "info",
  title,
  children,
  className,
  testId,
}: {
  tone?: keyof typeof TONE;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <div
      role={tone === "danger" || tone === "warning" ? "alert" : "status"}
      data-testid={testId}
      className={cn("rounded-lg border p-3 text-sm", TONE[tone], className)}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
    </div>
  );
}
