// The two preferences the page shell keeps in cookies, so the server renders them on the next
// visit without a flash: the theme and the sidebar's collapsed state. One reading of each cookie,
// for the layout and for the page cache's key (lib/server/page-cache.ts).

export const THEME_COOKIE = "theme";
export const SIDEBAR_COOKIE = "sidebar";

export type Theme = "system" | "light" | "dark";

export function themeFrom(cookie: string | undefined): Theme {
  return cookie === "light" || cookie === "dark" ? cookie : "system";
}

export function sidebarCollapsedFrom(cookie: string | undefined): boolean {
  return cookie === "collapsed";
}
