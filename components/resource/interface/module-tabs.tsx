// Module detail tabs (issue 15): Readme · Inputs · Outputs · Resources · Requirements · Submodules ·
// Examples · Compare, the tab in the URL (`?tab=`), rendered on the server; tab switches are links.

import Link from "next/link";
import type { ReactNode } from "react";
import type { DiffResponse, InterfaceResponse, PathInterface } from "@/lib/interface/types";
import { cn } from "@/components/ui/cn";
import { CompareView } from "./compare-view";
import { InputsList, OutputsList, RequirementsList, ResourcesList } from "./interface-lists";
import { tabHref, type ModuleTab } from "./tabs";

export interface ModuleTabsProps {
  pathname: string;
  query: URLSearchParams;
  tab: ModuleTab;
  iface: InterfaceResponse;
  diff?: DiffResponse;
  versions: readonly string[];
  /** The README panel, shown on the Readme tab. */
  children: ReactNode;
}

function Unavailable({ iface }: { iface: InterfaceResponse }) {
  return (
    <div className="text-sm" role="status" data-testid="interface-unavailable">
      <p className="font-semibold">
        {iface.status === "invalid"
          ? `The archive of ${iface.version} could not be read.`
          : `The interface of ${iface.version} is not available.`}
      </p>
      <p className="mt-1">{iface.error}</p>
    </div>
  );
}

function Nested({ list, kind }: { list: readonly PathInterface[]; kind: string }) {
  if (list.length === 0) return <p className="text-sm">This module has no {kind}.</p>;
  return (
    <div className="space-y-6">
      {list.map((m) => (
        <section key={m.path} aria-labelledby={`nested-${m.path}`} className="min-w-0">
          <h3 id={`nested-${m.path}`} className="font-mono font-semibold break-words">
            {m.path}
          </h3>
          <p className="text-sm text-muted">
            {m.inputs.length} inputs · {m.outputs.length} outputs · {m.resources.length} resources ·{" "}
            {m.moduleCalls.length} module calls
          </p>
          <div className="mt-2">
            <InputsList inputs={m.inputs} idPrefix={`nested-${m.path}`} />
          </div>
        </section>
      ))}
    </div>
  );
}

/** Which version's archive the tab reads: a GET form, so it works without JavaScript. */
function VersionPicker(props: { pathname: string; tab: ModuleTab; current: string; versions: readonly string[] }) {
  return (
    <form method="get" action={props.pathname} className="mb-3 flex flex-wrap items-center gap-2 text-xs">
      <input type="hidden" name="tab" value={props.tab} />
      <label htmlFor="interface-version" className="text-muted">
        From the archive of version
      </label>
      <select
        id="interface-version"
        name="version"
        defaultValue={props.current}
        className="rounded border border-line-strong bg-surface px-1 py-0.5"
      >
        {props.versions.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded border border-line-strong px-2 py-0.5">
        Show
      </button>
    </form>
  );
}

export function ModuleTabs({ pathname, query, tab, iface, diff, versions, children }: ModuleTabsProps) {
  const ok = iface.status === "ok";
  const count = (n: number) => (ok ? ` (${n})` : "");
  const labels: [ModuleTab, string][] = [
    ["readme", "Readme"],
    ["inputs", `Inputs${count(iface.root.inputs.length)}`],
    ["outputs", `Outputs${count(iface.root.outputs.length)}`],
    ["resources", `Resources${count(iface.root.resources.length)}`],
    ["requirements", "Requirements"],
    ["submodules", `Submodules${count(iface.submodules.length)}`],
    ["examples", `Examples${count(iface.examples.length)}`],
    ["compare", "Compare"],
  ];
  const body = (() => {
    if (tab === "readme") return children;
    if (tab === "compare") return diff ? <CompareView diff={diff} versions={versions} pathname={pathname} /> : null;
    if (!ok) return <Unavailable iface={iface} />;
    if (tab === "inputs") return <InputsList inputs={iface.root.inputs} />;
    if (tab === "outputs") return <OutputsList outputs={iface.root.outputs} />;
    if (tab === "resources") return <ResourcesList iface={iface.root} />;
    if (tab === "requirements") return <RequirementsList iface={iface.root} />;
    if (tab === "submodules") return <Nested list={iface.submodules} kind="submodules" />;
    return <Nested list={iface.examples} kind="examples" />;
  })();
  return (
    <section
      aria-labelledby="module-tabs-heading"
      className="min-w-0 rounded-lg border border-line"
      data-testid="module-tabs"
    >
      <h2 id="module-tabs-heading" className="sr-only">
        Module documentation
      </h2>
      <nav aria-label="Module sections" className="border-b border-line">
        <ul className="flex flex-wrap gap-x-1 px-2">
          {labels.map(([t, label]) => (
            <li key={t}>
              <Link
                href={tabHref(pathname, query, t)}
                scroll={false}
                aria-current={t === tab ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-2 py-2 text-sm",
                  t === tab ? "border-accent font-semibold text-link" : "border-transparent text-muted hover:text-fg",
                )}
              >
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0 p-4" data-testid="module-tab-panel">
        {tab !== "readme" && tab !== "compare" ? (
          <VersionPicker pathname={pathname} tab={tab} current={iface.version} versions={versions} />
        ) : null}
        {body}
      </div>
    </section>
  );
}
