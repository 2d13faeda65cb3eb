import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { depotsPath, registryPath, statsPath } from "@/lib/routes";

const NAV = [
  { href: registryPath(), label: "Registry", icon: "registry", current: (p: string) => p === "/" },
  {
    href: depotsPath(),
    label: "Depots",
    icon: "depots",
    current: (p: string) => p === "/depots" || p.startsWith("/depots/"),
  },
  { href: statsPath(), label: "Stats", icon: "stats", current: (p: string) => p === "/stats" },
] as const;

export type NavIcons = Readonly<Record<(typeof NAV)[number]["icon"], ReactNode>>;

/**
 * Main navigation; the current page is marked for assistive technology and by eye. Rendered by
 * the server from the request's path: moving between pages is a full page load (plain links), so
 * the shell is always rendered for the page it shows (README "Page weight").
 */
export function NavLinks({ pathname, icons }: { pathname: string; icons: NavIcons }) {
  return (
    <nav aria-label="Main" className="mt-4">
      <ul className="space-y-1 text-sm font-medium">
        {NAV.map((n) => {
          const on = n.current(pathname);
          return (
            <li key={n.href}>
              <a
                href={n.href}
                aria-current={on ? "page" : undefined}
                title={n.label}
                className={cn(
                  "flex items-center gap-2 rounded-md px-2 py-1.5 hover:bg-subtle",
                  "group-data-[collapsed=true]/side:md:justify-center",
                  on ? "bg-selected font-semibold text-fg" : "text-fg",
                )}
              >
                <span aria-hidden="true" className={cn("inline-flex shrink-0", on ? "text-link" : "text-muted")}>
                  {icons[n.icon]}
                </span>
                <span className="group-data-[collapsed=true]/side:md:sr-only">{n.label}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
