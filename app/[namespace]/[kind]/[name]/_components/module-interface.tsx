// The module page's interface tabs (issue 15): loads the interface (and on the Compare tab the
// diff) through the same query functions as the API, then renders the tabs around the README.

import type { ReactNode } from "react";
import { ModuleTabs } from "@/components/resource/interface/module-tabs";
import { parseTab } from "@/components/resource/interface/tabs";
import { getInterfaceDiff, getModuleInterface } from "@/lib/browse/interface";
import type { ResourcePath } from "@/lib/browse/lookup";
import { AppError } from "@/lib/errors";
import type { DiffResponse } from "@/lib/interface/types";
import { interfaceService } from "@/lib/server/interfaces";
import type { PageContext } from "@/app/_server/page-context";

export interface ModuleInterfaceTabs {
  requiredInputs?: { name: string; type?: string }[];
  render(readme: ReactNode): ReactNode;
}

/** A module without Versions: nothing to read, the README alone. */
const README_ONLY: ModuleInterfaceTabs = { render: (readme) => readme };

export async function moduleInterfaceTabs(
  ctx: PageContext,
  path: ResourcePath,
  query: URLSearchParams,
): Promise<ModuleInterfaceTabs> {
  if (!ctx.state || !ctx.viewer) return README_ONLY;
  const service = interfaceService(ctx.runtime);
  const tab = parseTab(query.get("tab"));
  const r = ctx.state.index.byId.get(`module/${path.namespace}/${path.name}`);
  const versions = [...new Set((r?.versions ?? []).map((v) => v.normalized))];
  const wanted = query.get("version");
  const load = (q: URLSearchParams) => getModuleInterface(ctx.state!, ctx.viewer!, path, q, service);
  let iface;
  try {
    iface = await load(new URLSearchParams(wanted ? { version: wanted } : {}));
  } catch (err) {
    if (!(err instanceof AppError && err.code === "not_found")) throw err;
    // An unknown version in the URL shows the default one; a module without Versions, the README alone.
    if (!wanted) return README_ONLY;
    iface = await load(new URLSearchParams());
  }
  let diff: DiffResponse | undefined;
  if (tab === "compare") {
    const q = new URLSearchParams();
    for (const k of ["from", "to"]) {
      const v = query.get(k);
      if (v) q.set(k, v);
    }
    try {
      diff = await getInterfaceDiff(ctx.state, ctx.viewer, path, q, service);
    } catch (err) {
      if (!(err instanceof AppError && err.code === "not_found")) throw err;
      // A version in the URL that does not exist: compare the defaults instead.
      diff = await getInterfaceDiff(ctx.state, ctx.viewer, path, new URLSearchParams(), service);
    }
  }
  const pathname = `/${encodeURIComponent(path.namespace)}/module/${encodeURIComponent(path.name)}`;
  const required =
    iface.status === "ok"
      ? iface.root.inputs.filter((i) => i.required).map((i) => ({ name: i.name, ...(i.type ? { type: i.type } : {}) }))
      : [];
  return {
    ...(required.length > 0 ? { requiredInputs: required } : {}),
    render: (readme) => (
      <ModuleTabs
        pathname={pathname}
        query={query}
        tab={tab}
        iface={iface}
        {...(diff ? { diff } : {})}
        versions={versions}
      >
        {readme}
      </ModuleTabs>
    ),
  };
}
