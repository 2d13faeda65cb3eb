"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

/** Namespaces the viewer can see: on the Registry page a multi-select filter, elsewhere a shortcut to it. */
export function NamespaceLinks({ namespaces }: { namespaces: { name: string; public: boolean }[] }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const selected = pathname === "/" ? params.getAll("namespace") : [];
  const href = (ns: string) => {
    if (pathname !== "/") return `/?namespace=${encodeURIComponent(ns)}`;
    const next = new URLSearchParams(params);
    next.delete("namespace");
    next.delete("page");
    const values = selected.includes(ns) ? selected.filter((s) => s !== ns) : [...selected, ns];
    for (const v of values) next.append("namespace", v);
    const q = next.toString();
    return q ? `/?${q}` : "/";
  };
  if (namespaces.length === 0) return null;
  return (
    <nav aria-label="Namespaces" className="mt-6">
      <h2 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Namespaces</h2>
      <ul className="mt-2 space-y-1 text-sm">
        {namespaces.map((ns) => {
          const on = selected.includes(ns.name);
          return (
            <li key={ns.name}>
              <Link
                href={href(ns.name)}
                aria-current={on ? "true" : undefined}
                className={`flex items-center justify-between rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800 ${on ? "bg-blue-50 font-semibold text-blue-900 dark:bg-blue-950 dark:text-blue-100" : ""}`}
              >
                <span>
                  {on ? <span aria-hidden="true">✓ </span> : null}
                  {ns.name}
                </span>
                <span className="text-xs text-slate-600 dark:text-slate-400">{ns.public ? "public" : "private"}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
