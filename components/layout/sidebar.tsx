// The shell's sidebar: brand, search, navigation, visible namespaces, theme and account.

import Link from "next/link";
import { Suspense } from "react";
import { listNamespaces } from "@/lib/browse/namespaces";
import { pageContext } from "@/lib/server/page-context";
import { AccountPanel } from "./account-panel";
import { MobileNav } from "./mobile-nav";
import { NamespaceLinks } from "./namespace-links";
import { SearchBox } from "./search-box";
import { ThemeSwitch, type Theme } from "./theme-switch";
import { WhoamiPanel } from "./whoami-panel";
import { whoami } from "@/lib/browse/whoami";

const NAV = [
  { href: "/", label: "Registry" },
  { href: "/depots", label: "Depots" },
  { href: "/stats", label: "Stats" },
];

export async function Sidebar({ theme }: { theme: Theme }) {
  const ctx = await pageContext();
  const namespaces = ctx.state && ctx.viewer ? listNamespaces(ctx.state, ctx.viewer, new URLSearchParams("include=visible")).items : [];
  return (
    <Suspense>
      <MobileNav>
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold">
          <span aria-hidden="true" className="inline-flex h-7 w-7 items-center justify-center rounded bg-blue-700 text-sm text-white">
            OD
          </span>
          OpenDepot
        </Link>
        <SearchBox />
        <nav aria-label="Main" className="mt-6">
          <ul className="space-y-1 text-sm font-medium">
            {NAV.map((n) => (
              <li key={n.href}>
                <Link href={n.href} className="block rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <NamespaceLinks namespaces={namespaces} />
        <div className="mt-8 space-y-4 border-t border-slate-200 pt-4 dark:border-slate-800">
          <ThemeSwitch initial={theme} />
          <AccountPanel
            signInEnabled={ctx.mode === "oidc"}
            {...(ctx.session?.name ? { name: ctx.session.name } : {})}
            {...(ctx.session?.email ? { email: ctx.session.email } : {})}
            devTokenEnabled={ctx.runtime.config.devTokenInputEnabled}
            hasDevToken={ctx.hasDevToken}
          />
          {ctx.viewer ? <WhoamiPanel who={whoami(ctx.viewer, ctx.mode)} /> : null}
        </div>
      </MobileNav>
    </Suspense>
  );
}
