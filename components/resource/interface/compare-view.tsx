// The Compare tab: a GET form choosing two versions (works without JavaScript) and the diff.

import type { DiffResponse } from "@/lib/interface/types";
import { buttonClass } from "@/components/ui/button";

const select = "rounded border border-line-strong bg-surface px-2 py-1";

export function CompareView({
  diff,
  versions,
  pathname,
}: {
  diff: DiffResponse;
  versions: readonly string[];
  pathname: string;
}) {
  return (
    <div className="space-y-4">
      <form
        method="get"
        action={pathname}
        className="flex flex-wrap items-end gap-3 text-sm"
        aria-label="Versions to compare"
      >
        <input type="hidden" name="tab" value="compare" />
        <VersionSelect name="from" label="From version" value={diff.from} versions={versions} className={select} />
        <VersionSelect name="to" label="To version" value={diff.to} versions={versions} className={select} />
        <button type="submit" className={buttonClass("primary")}>
          Compare
        </button>
      </form>
      {diff.status !== "ok" ? (
        <p className="text-sm" role="status">
          Cannot compare: {diff.error}
        </p>
      ) : (
        <>
          <p className="text-sm" data-testid="diff-verdict">
            <span className="font-semibold">
              {diff.from} → {diff.to}
            </span>{" "}
            (
            {diff.bump === "none"
              ? "same version"
              : `${diff.bump} ${diff.bump === "downgrade" ? "" : "release"}`.trim()}
            ):{" "}
            {diff.verdict === "ok" ? (
              <span className="font-semibold text-success">
                {diff.breaking ? "breaking changes, as a major release allows" : "no breaking changes"}
              </span>
            ) : (
              <span className="font-semibold text-danger">{diff.verdict}</span>
            )}
          </p>
          {diff.changes.length === 0 ? (
            <p className="text-sm">The interfaces are the same.</p>
          ) : (
            <ul className="divide-y divide-line text-sm" data-testid="diff-changes">
              {diff.changes.map((c) => (
                <li key={`${c.kind}/${c.name}/${c.change}`} className="flex flex-wrap items-baseline gap-2 py-2">
                  {c.breaking ? (
                    <span className="inline-flex rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">
                      breaking
                    </span>
                  ) : (
                    <span className="inline-flex rounded bg-subtle px-1.5 py-0.5 text-xs font-medium text-fg">
                      {c.change}
                    </span>
                  )}
                  <span className="text-muted">{c.kind}</span>
                  <code className="font-mono break-words [overflow-wrap:anywhere]">{c.name}</code>
                  <span className="min-w-0 break-words [overflow-wrap:anywhere]">{c.what}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function VersionSelect(props: {
  name: "from" | "to";
  label: string;
  value: string;
  versions: readonly string[];
  className: string;
}) {
  const id = `compare-${props.name}`;
  return (
    <div className="flex flex-col">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.value} className={props.className}>
        {props.versions.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </div>
  );
}
