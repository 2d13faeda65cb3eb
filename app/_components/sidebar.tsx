// The shell: top bar (phone) and sidebar — identity first, then search, navigation, the
// namespaces the viewer can see, theme, "Who am I?", and the dev token only when enabled.

import { Boxes, ChartColumn, Check, KeyRound, Menu, Network, PanelLeftClose, PanelLeftOpen, Search, X } from "lucide";
import { Icon } from "@/components/ui/icon";
import { Suspense } from "react";
import { listNamespaces } from "@/lib/browse/namespaces";
import { whoami } from "@/lib/browse/whoami";
import { registryPath } from "@/lib/routes";
import { selectClass } from "@/components/ui/field";
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
    <a
      href={registryPath()}
      className="flex items-center gap-2 text-lg font-semibold whitespace-nowrap"
      aria-label="OpenDepot Registry Explorer, home"
    >
      {/* A plain <img>: a static SVG mark, nothing for next/image to optimise. */}
      <img src="/icon.svg" alt="" width={28} height={28} className="h-7 w-7 shrink-0" />
      <span className="group-data-[collapsed=true]/side:md:sr-only">OpenDepot</span>
    </a>
  );
}

// The shell's client components get their icons as elements (README "Page weight").
const SEARCH_ICON = <Icon node={Search} aria-hidden="true" className="h-4 w-4" />;
const SHELL_ICONS = {
  menu: <Icon node={Menu} aria-hidden="true" className="h-5 w-5" />,
  close: <Icon node={X} aria-hidden="true" className="h-5 w-5" />,
  expand: <Icon node={PanelLeftOpen} aria-hidden="true" className="h-5 w-5" />,
  collapse: <Icon node={PanelLeftClose} aria-hidden="true" className="h-5 w-5" />,
};
const NAV_ICONS = {
  registry: <Icon node={Boxes} className="h-4 w-4" />,
  depots: <Icon node={Network} className="h-4 w-4" />,
  stats: <Icon node={ChartColumn} className="h-4 w-4" />,
};

export async function Sidebar({ theme, collapsed }: { theme: Theme; collapsed: boolean }) {
  const ctx = await pageContext();
  // The shell is rendered for the request's page: pages are reached by full loads (plain links).
  const here = new URL(ctx.path, "http://page.invalid");
  const q = here.searchParams.get("q") ?? "";
  const viewer = ctx.viewer ?? ctx.shellViewer;
  const namespaces =
    ctx.state && viewer ? listNamespaces(ctx.state, viewer, new URLSearchParams("include=visible")).items : [];
  return (
    <Suspense>
      <ShellFrame
        brand={<Brand />}
        topSearch={
          <SearchBox
            pathname={here.pathname}
            q={q}
            id="global-search-top"
            label="Search the registry"
            icon={SEARCH_ICON}
          />
        }
        initialCollapsed={collapsed}
        icons={SHELL_ICONS}
      >
        <AccountPanel
          signInEnabled={ctx.mode === "oidc"}
          {...(ctx.session?.name ? { name: ctx.session.name } : {})}
          {...(ctx.session?.email ? { email: ctx.session.email } : {})}
        />
        <SearchBox
          pathname={here.pathname}
          q={q}
          id="global-search"
          label="Search modules and providers"
          icon={SEARCH_ICON}
          className="mt-4 hidden md:block group-data-[collapsed=true]/side:md:hidden"
        />
        <NavLinks pathname={here.pathname} icons={NAV_ICONS} />
        <NamespaceLinks
          pathname={here.pathname}
          params={here.searchParams}
          namespaces={namespaces}
          checkIcon={<Icon node={Check} className="h-3.5 w-3.5" />}
        />
        <div className="mt-8 space-y-4 border-t border-line pt-4 group-data-[collapsed=true]/side:md:hidden">
          <ThemeSwitch initial={theme} selectClassName={selectClass("py-1")} />
          {viewer ? <WhoamiPanel who={whoami(viewer, ctx.mode)} /> : null}
          {ctx.runtime.config.devTokenInputEnabled ? (
            <DevTokenForm
              hasDevToken={ctx.hasDevToken}
              code={here.searchParams.get("dev_token_error")}
              icon={<Icon node={KeyRound} className="h-4 w-4" />}
            />
          ) : null}
        </div>
      </ShellFrame>
    </Suspense>
  );
}
