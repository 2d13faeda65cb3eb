// The module detail tabs (issue 15): names, labels and the URL that selects one.

export const MODULE_TABS = [
  "readme",
  "inputs",
  "outputs",
  "resources",
  "requirements",
  "submodules",
  "examples",
  "compare",
] as const;
export type ModuleTab = (typeof MODULE_TABS)[number];

export function parseTab(value: string | null | undefined): ModuleTab {
  return (MODULE_TABS as readonly string[]).includes(value ?? "") ? (value as ModuleTab) : "readme";
}

/** The page URL with `tab` set (and compare's versions kept only on the compare tab). */
export function tabHref(pathname: string, query: URLSearchParams, tab: ModuleTab): string {
  const q = new URLSearchParams(query);
  if (tab === "readme") q.delete("tab");
  else q.set("tab", tab);
  if (tab !== "compare") {
    q.delete("from");
    q.delete("to");
  }
  const s = q.toString();
  return s ? `${pathname}?${s}` : pathname;
}
