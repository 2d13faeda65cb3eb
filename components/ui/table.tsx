// Tables: one scaffold. `TableScroll` keeps a wide table inside its own box on a phone, with a
// visible edge shadow while more columns hide to the right, and is keyboard-scrollable.

import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

export function TableScroll({
  label,
  children,
  className,
  hint,
}: {
  label: string;
  children: ReactNode;
  className?: string;
  hint?: boolean;
}) {
  const box = (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={cn(
        "max-w-full overflow-x-auto overscroll-x-contain",
        // Scroll shadows (background-attachment: local keeps the cover over the content edge).
        "[background:linear-gradient(to_right,var(--color-canvas)_30%,transparent),linear-gradient(to_left,var(--color-canvas)_30%,transparent)_100%_0,radial-gradient(farthest-side_at_0_50%,var(--color-line-strong),transparent),radial-gradient(farthest-side_at_100%_50%,var(--color-line-strong),transparent)_100%_0]",
        "[background-repeat:no-repeat] [background-size:40px_100%,40px_100%,14px_100%,14px_100%] [background-attachment:local,local,scroll,scroll]",
        hint ? undefined : className,
      )}
    >
      {children}
    </div>
  );
  if (!hint) return box;
  // On a phone a wide table says so in words too, not only with the edge shadow.
  return (
    <div className={cn("min-w-0", className)}>
      {box}
      <p className="mt-1 text-xs text-muted sm:hidden" aria-hidden="true">
        Swipe the table sideways for more columns.
      </p>
    </div>
  );
}

export function Table({ className, ...rest }: HTMLAttributes<HTMLTableElement>) {
  return <table className={cn("w-full text-left text-sm", className)} {...rest} />;
}

export function THead({ children }: { children: ReactNode }) {
  return <thead className="border-b border-line-strong text-xs text-muted uppercase">{children}</thead>;
}

export function Tr({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("border-b border-line align-top", className)} {...rest} />;
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn("py-2 pr-3 font-semibold whitespace-nowrap", className)} {...rest} />;
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("py-2 pr-3", className)} {...rest} />;
}
