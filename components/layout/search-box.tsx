"use client";

import { Search } from "lucide-react";
import { usePathname, useSearchParams } from "next/navigation";
import { controlClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

/**
 * The global search: a GET form to the Registry page. On the Registry page itself the filter
 * bar's search is the one box, so this renders nothing there.
 */
export function SearchBox({ id, label, className }: { id: string; label: string; className?: string }) {
  const params = useSearchParams();
  const pathname = usePathname();
  if (pathname === "/") return null;
  return (
    <form role="search" action="/" method="get" className={cn("relative", className)}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Search
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 left-2 h-4 w-4 -translate-y-1/2 text-muted"
      />
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={params.get("q") ?? ""}
        placeholder="Search  ( / )"
        className={cn(controlClass, "w-full pl-8")}
      />
    </form>
  );
}
