import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { registryPath } from "@/lib/routes";

/**
 * Namespaces the viewer can see: on the Registry page a multi-select filter, elsewhere a shortcut
 * to it. Rendered by the server from the request's path and query (see nav-links.tsx).
 */
export function NamespaceLinks({
  pathname,
  params,
  namespaces,
  checkIcon,
}: {
  pathname: string;
  params: URLSearchParams;
  namespaces: { name: string; public: boolean }[];
  /** Marks a selected namespace; rendered by the server (README "Page weight"). */
  checkIcon: ReactNode;
}) {
  const selected = pathname === "/" ? params.getAll("namespace") : [];
  const href = (ns: string) => {
    if (pathname !== "/") return registryPath({ namespace: ns });
    const next = new URLSearchParams(params);
    next.delete("namespace");
    next.delete("page");
    const values = selected.includes(ns) ? selected.filter((s) => s !== ns) : [...selected, ns];
    for (const v of values) next.append("namespace", v);
    return registryPath(next);
  };
  if (namespaces.length === 0) return null;
  return (
    <nav aria-label="Namespaces" className="mt-6 group-data-[collapsed=true]/side:md:hidden">
      <h2 className="px-2 text-xs font-semibold tracking-wide text-muted uppercase">Namespaces</h2>
      <ul className="mt-2 space-y-0.5 text-sm">
        {namespaces.map((ns) => {
          const on = selected.includes(ns.name);
          return (
            <li key={ns.name}>
              <a
                href={href(ns.name)}
                aria-current={on ? "true" : undefined}
                className={cn(
                  "flex items-center justify-between gap-2 rounded-md px-2 py-1 hover:bg-subtle",
                  on && "bg-selected font-semibold",
                )}
              >
                <span className="flex min-w-0 items-center gap-1">
                  {on ? (
                    <span aria-hidden="true" className="inline-flex shrink-0 text-link">
                      {checkIcon}
                    </span>
                  ) : null}
                  <span className="truncate">{ns.name}</span>
                </span>
                <span className="text-xs text-muted">{ns.public ? "public" : "private"}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
