// The shell: top bar (phone) and sidebar — identity first, then search, navigation, the
// namespaces the viewer can see, theme, "Who am I?", and the dev token only when enabled.

import {
  BarChart3,
  Boxes,
  Check,
  KeyRound,
  Menu,
  Network,
  PanelLeftClose,
  PanelLeftOpen,
  Search,
  X,
} from "lucide-react";
import Link from "next/link";
import { Suspense } from "react";
import { listNamespaces } from "@/lib/browse/namespaces";
import { whoami } from "@/lib/browse/whoami";
import { registryPath } from "@/lib/routes";
import { pageContext } from "@/app/_server/page-context";
import { AccountPanel } from "@/components/layout/account-panel";
import { DevTokenForm } from "@/components/layout/dev-token-form";
import { NamespaceLinks } from "@/components/layout/namespace-links";
import { NavLinks } from "@/components/layout/nav-links";
import { SearchBox } from "@/components/layout/search-box";
import { ShellFrame } from "@/components/layout/shell-frame";
import { ThemeSwitch } from "@/components/layout/theme-switch";
import type { Theme } from "@/lib/shell-preferences";
import { WhoamiPanel } from "@/components/layout/whoami-panel";

function Brand() {
  return (
    <Link
      href={registryPath()}
      className="flex items-center gap-2 text-lg font-semibold whitespace-nowrap"
      aria-label="OpenDepot Registry Explorer, home"
    >
      {/* A plain <img>: a static SVG mark, nothing for next/image to optimise. */}
      <img src="/icon.svg" alt="" width={28} height={28} className="h-7 w-7 shrink-0" />
      <span className="group-data-[collapsed=true]/side:md:sr-only">OpenDepot</span>
    </Link>
  );
}

// The shell's client components get their icons as elements (README "Page weight").
const SEARCH_ICON = <Search aria-hidden="true" className="h-4 w-4" />;
const SHELL_ICONS = {
  menu: <Menu aria-hidden="true" className="h-5 w-5" />,
  close: <X aria-hidden="true" className="h-5 w-5" />,
  expand: <PanelLeftOpen aria-hidden="true" className="h-5 w-5" />,
  collapse: <PanelLeftClose aria-hidden="true" className="h-5 w-5" />,
};
const NAV_ICONS = {
  registry: <Boxes className="h-4 w-4" />,
  depots: <Network className="h-4 w-4" />,
  stats: <BarChart3 className="h-4 w-4" />,
};

export async function Sidebar({ theme, collapsed }: { theme: Theme; collapsed: boolean }) {
  const ctx = await pageContext();
  const viewer = ctx.viewer ?? ctx.shellViewer;
  const namespaces =
    ctx.state && viewer ? listNamespaces(ctx.state, viewer, new URLSearchParams("include=visible")).items : [];
  return (
    <Suspense>
      <ShellFrame
        brand={<Brand />}
        topSearch={<SearchBox id="global-search-top" label="Search the registry" icon={SEARCH_ICON} />}
        initialCollapsed={collapsed}
        icons={SHELL_ICONS}
      >
        <AccountPanel
          signInEnabled={ctx.mode === "oidc"}
          {...(ctx.session?.name ? { name: ctx.session.name } : {})}
          {...(ctx.session?.email ? { email: ctx.session.email } : {})}
        />
        <SearchBox
          id="global-search"
          label="Search modules and providers"
          icon={SEARCH_ICON}
          className="mt-4 hidden md:block group-data-[collapsed=true]/side:md:hidden"
        />
        <NavLinks icons={NAV_ICONS} />
        <NamespaceLinks namespaces={namespaces} checkIcon={<Check className="h-3.5 w-3.5" />} />
        <div className="mt-8 space-y-4 border-t border-line pt-4 group-data-[collapsed=true]/side:md:hidden">
          <ThemeSwitch initial={theme} />
          {viewer ? <WhoamiPanel who={whoami(viewer, ctx.mode)} /> : null}
          {ctx.runtime.config.devTokenInputEnabled ? (
            <DevTokenForm hasDevToken={ctx.hasDevToken} icon={<KeyRound className="h-4 w-4" />} />
          ) : null}
        </div>
      </ShellFrame>
    </Suspense>
  );
}
