"use client";

import { useEffect, useRef } from "react";
import { useSearchParams } from "next/navigation";

/** The global search: a GET form to the Registry page; `/` focuses it. */
export function SearchBox() {
  const ref = useRef<HTMLInputElement>(null);
  const params = useSearchParams();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey) return;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      e.preventDefault();
      ref.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <form role="search" action="/" method="get" className="mt-4">
      <label htmlFor="global-search" className="sr-only">
        Search modules and providers
      </label>
      <input
        ref={ref}
        id="global-search"
        name="q"
        type="search"
        defaultValue={params.get("q") ?? ""}
        placeholder="Search  ( / )"
        className="w-full rounded border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900"
      />
    </form>
  );
}
