import type { ReactNode } from "react";
import { cn } from "./cn";

/** The page's one h1, an optional line under it, and actions on the right (below on a phone). */
export function PageHeader({
  title,
  description,
  actions,
  className,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-wrap items-end justify-between gap-3", className)}>
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold break-words">{title}</h1>
        {description ? <p className="mt-1 text-sm text-muted">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap items-end gap-2">{actions}</div> : null}
    </div>
  );
}

/** The page's width and padding, one place. */
export function PageMain({ children, wide, className }: { children: ReactNode; wide?: boolean; className?: string }) {
  return (
    <main id="main" className={cn("mx-auto w-full min-w-0 p-4 md:p-6", wide ? "max-w-7xl" : "max-w-6xl", className)}>
      {children}
    </main>
  );
}
