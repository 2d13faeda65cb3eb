"use client";

// The page frame: on a phone a sticky top bar (product name, search, menu) over a drawer; from
// md up a sticky sidebar that collapses to a rail, remembered in a cookie so the server renders
// it the same way on the next visit (no flash), like the theme.

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { SIDEBAR_COOKIE } from "@/lib/shell-preferences";

/** Focus the one search box this page shows (`/`), the Registry's own filter search first. */
function useSlashFocus() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey) return;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      const box = ["filter-q", "global-search", "global-search-top"]
        .map((id) => document.getElementById(id))
        .find((el): el is HTMLInputElement => el instanceof HTMLInputElement && el.offsetParent !== null);
      if (!box) return;
      e.preventDefault();
      box.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

/** The frame's icons, rendered by the server (README "Page weight"). */
export interface ShellIcons {
  readonly menu: ReactNode;
  readonly close: ReactNode;
  readonly expand: ReactNode;
  readonly collapse: ReactNode;
}

export function ShellFrame({
  brand,
  topSearch,
  initialCollapsed,
  icons,
  children,
}: {
  brand: ReactNode;
  topSearch: ReactNode;
  initialCollapsed: boolean;
  icons: ShellIcons;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(initialCollapsed);
  const pathname = usePathname();
  const search = useSearchParams();
  useEffect(() => setOpen(false), [pathname, search]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  useSlashFocus();
  const toggle = () => {
    const next = !collapsed;
    setCollapsed(next);
    document.cookie = `${SIDEBAR_COOKIE}=${next ? "collapsed" : "expanded"}; Path=/; Max-Age=31536000; SameSite=Lax`;
  };
  return (
    <>
      <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-line bg-canvas px-3 md:hidden">
        {brand}
        <div className="min-w-0 flex-1">{topSearch}</div>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="sidebar"
          onClick={() => setOpen((o) => !o)}
          className="ml-auto inline-flex h-10 w-10 shrink-0 items-center justify-center rounded-md border border-line-strong text-fg hover:bg-subtle"
        >
          {open ? icons.close : icons.menu}
          <span className="sr-only">{open ? "Close menu" : "Menu"}</span>
        </button>
      </header>
      <div
        id="sidebar"
        data-collapsed={collapsed}
        data-testid="sidebar"
        className={cn(
          "group/side",
          open ? "block" : "hidden",
          "fixed inset-x-0 top-14 bottom-0 z-20 overflow-y-auto overscroll-contain bg-canvas p-4",
          "md:sticky md:top-0 md:block md:h-screen md:shrink-0 md:border-r md:border-line",
          collapsed ? "md:w-16 md:px-2" : "md:w-64",
        )}
      >
        <div className={cn("mb-4 hidden items-center gap-2 md:flex", collapsed ? "md:flex-col" : "justify-between")}>
          <div className="min-w-0">{brand}</div>
          <button
            type="button"
            onClick={toggle}
            aria-expanded={!collapsed}
            aria-controls="sidebar"
            title={collapsed ? "Expand sidebar" : "Collapse sidebar"}
            className="inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-muted hover:bg-subtle hover:text-fg"
          >
            {collapsed ? icons.expand : icons.collapse}
            <span className="sr-only">{collapsed ? "Expand sidebar" : "Collapse sidebar"}</span>
          </button>
        </div>
        {children}
      </div>
    </>
  );
}
