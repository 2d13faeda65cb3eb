import { listResources } from "@/lib/browse/resources";
import { getRuntime } from "@/lib/server/runtime";
import { PUBLIC_VIEWER, ALL_VIEWER } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

// A minimal registry overview; the full Registry page arrives with the pages work.
export default function HomePage() {
  const runtime = getRuntime();
  const state = runtime.state;
  const viewer = runtime.config.authAnonymous === "all" ? ALL_VIEWER : PUBLIC_VIEWER;
  const page = state ? listResources(state, viewer, new URLSearchParams("page_size=100")) : undefined;
  return (
    <main className="mx-auto max-w-5xl p-6">
      <h1 className="text-2xl font-semibold">OpenDepot Registry Explorer</h1>
      {!page ? (
        <p className="mt-4">The registry is loading; reload in a moment.</p>
      ) : (
        <>
          <p className="mt-2 text-slate-600 dark:text-slate-400">
            {page.totalCount} modules and providers visible. The browse API is served under{" "}
            <a className="underline" href="/opendepot/ui/v1/resources">
              /opendepot/ui/v1/resources
            </a>
            .
          </p>
          <ul className="mt-6 divide-y divide-slate-200 dark:divide-slate-800">
            {page.items.map((c) => (
              <li key={`${c.kind}/${c.namespace}/${c.name}`} className="flex flex-wrap items-baseline gap-x-3 py-2">
                <span className="font-medium">{c.name}</span>
                <span className="text-sm text-slate-600 dark:text-slate-400">
                  {c.namespace} · {c.kind}
                  {c.latestVersion ? ` · v${c.latestVersion}` : ""} · {c.syncState}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
