"use client";

import { BarChart3, Boxes, Network } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { depotsPath, registryPath, statsPath } from "@/lib/routes";

const NAV = [
  { href: registryPath(), label: "Registry", icon: Boxes, current: (p: string) => p === "/" },
  {
    href: depotsPath(),
    label: "Depots",
    icon: Network,
    current: (p: string) => p === "/depots" || p.startsWith("/depots/"),
  },
  { href: statsPath(), label: "Stats", icon: BarChart3, current: (p: string) => p === "/stats" },
];

/** Main navigation; the current page is marked for assistive technology and by eye. */
export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="mt-4">
      <ul className="space-y-1 text-sm font-medium">
        {NAV.map((n) => {
          const on = n.current(pathname);
          return (
            <li key={n.href}>
              <Link
                href={n.href}
                aria-current={on ? "page" : undefined}
                title={n.label}
                className={cn(
                  "flex items-center gap-2 rounded-md px-2 py-1.5 hover:bg-subtle",
                  "group-data-[collapsed=true]/side:md:justify-center",
                  on ? "bg-selected font-semibold text-fg" : "text-fg",
                )}
              >
                <n.icon aria-hidden="true" className={cn("h-4 w-4 shrink-0", on ? "text-link" : "text-muted")} />
                <span className="group-data-[collapsed=true]/side:md:sr-only">{n.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
