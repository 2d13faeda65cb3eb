import type { ReactNode } from "react";
import { controlClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

/**
 * The global search: a GET form to the Registry page. On the Registry page itself the filter
 * bar's search is the one box, so this renders nothing there. Rendered by the server from the
 * request's path (see nav-links.tsx).
 */
export function SearchBox({
  pathname,
  q,
  id,
  label,
  icon,
  className,
}: {
  pathname: string;
  /** The request's `q`, kept in the box. */
  q: string;
  id: string;
  label: string;
  /** Rendered by the server (README "Page weight"); placed inside the box on the left. */
  icon: ReactNode;
  className?: string;
}) {
  if (pathname === "/") return null;
  return (
    <form role="search" action="/" method="get" className={cn("relative", className)}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <span
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 left-2 inline-flex -translate-y-1/2 text-muted"
      >
        {icon}
      </span>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={q}
        placeholder="Search  ( / )"
        className={cn(controlClass, "w-full pl-8")}
      />
    </form>
  );
}
