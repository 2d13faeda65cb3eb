"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";

/** Below md the sidebar is a drawer: a Menu button opens it, any navigation closes it. */
export function MobileNav({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const search = useSearchParams();
  useEffect(() => setOpen(false), [pathname, search]);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="sidebar"
        onClick={() => setOpen((o) => !o)}
        className="fixed top-3 right-3 z-30 rounded border border-slate-300 bg-white px-3 py-1 text-sm font-medium md:hidden dark:border-slate-600 dark:bg-slate-900"
      >
        {open ? "Close menu" : "Menu"}
      </button>
      <div id="sidebar" className={`${open ? "block" : "hidden"} fixed inset-0 z-20 overflow-y-auto bg-white p-4 pt-14 md:static md:block md:w-64 md:shrink-0 md:border-r md:border-slate-200 md:p-4 dark:bg-slate-950 md:dark:border-slate-800`}>
        {children}
      </div>
    </>
  );
}
