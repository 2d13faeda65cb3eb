import type { Metadata } from "next";
import { FilterChips } from "@/components/registry/filter-chips";
import { RegistryFilters } from "@/components/registry/registry-filters";
import { ResourceCard } from "@/components/registry/resource-card";
import { Pagination } from "@/components/ui/pagination";
import { authErrorText } from "@/lib/auth/session";
import { listResources, platformOptions } from "@/lib/browse/resources";
import { BadRequestError } from "@/lib/errors";
import { pageContext } from "@/lib/server/page-context";
import { toSearchParams } from "@/lib/server/search-params";

export const dynamic = "force-dynamic";
// The root segment: the layout title template does not apply to its own page.
export const metadata: Metadata = { title: { absolute: "Registry · OpenDepot Registry Explorer" } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RegistryPage({ searchParams }: Props) {
  const ctx = await pageContext();
  const params = toSearchParams(await searchParams);
  const authError = params.get("auth_error");
  const banner = authError !== null ? authErrorText(authError) : undefined;
  let page: ReturnType<typeof listResources> | undefined;
  let invalid: string | undefined;
  if (ctx.state && ctx.viewer) {
    try {
      page = listResources(ctx.state, ctx.viewer, params);
    } catch (err) {
      if (!(err instanceof BadRequestError)) throw err;
      invalid = err.message;
    }
  }
  const platforms = ctx.state && ctx.viewer ? platformOptions(ctx.state, ctx.viewer) : { os: [], arch: [] };
  const filtered = [...params.keys()].some((k) => ["q", "namespace", "kind", "synced", "severity", "os", "arch", "public_only"].includes(k));
  return (
    <main id="main" className="mx-auto max-w-6xl p-4 md:p-6">
      <h1 className="text-2xl font-semibold">Registry</h1>
      {banner ? (
        <p role="alert" className="mt-4 rounded border border-amber-500 bg-amber-50 p-3 text-amber-950 dark:bg-amber-950 dark:text-amber-50">
          {banner}
        </p>
      ) : null}
      {ctx.sessionExpired ? (
        <p role="status" className="mt-4 rounded border border-slate-300 p-3">
          Session expired — <a className="underline" href="/auth/login?returnTo=%2F">sign in again</a>.
        </p>
      ) : null}
      {ctx.unauthorized ? (
        <p role="alert" className="mt-4 rounded border border-red-500 p-3">
          Your credentials were not accepted. <a className="underline" href="/auth/login?returnTo=%2F">Sign in again</a>.
        </p>
      ) : !ctx.state ? (
        <p className="mt-4">The registry is loading; reload in a moment.</p>
      ) : (
        <>
          <RegistryFilters osOptions={platforms.os} archOptions={platforms.arch} />
          <FilterChips params={params} />
          {invalid ? (
            <p role="alert" className="mt-4 rounded border border-red-500 p-3">
              {invalid}
            </p>
          ) : page ? (
            <>
              <p className="mt-4 text-sm text-slate-700 dark:text-slate-300" data-testid="result-count" aria-live="polite">
                {page.totalCount} {page.totalCount === 1 ? "result" : "results"}
              </p>
              {page.items.length === 0 ? (
                <div className="mt-6 rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-700">
                  <p className="font-medium">{filtered ? "No module or provider matches these filters." : "No modules or providers to show."}</p>
                  <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
                    Only resources whose namespace and resource both carry the label <code>opendepot.defdev.io/public: &quot;true&quot;</code> are shown to everyone.
                    {ctx.mode === "oidc" && !ctx.viewer?.identity ? " Sign in to see what your groups grant." : ""}
                  </p>
                </div>
              ) : (
                <ul className="mt-3 grid gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="resource-list">
                  {page.items.map((c) => (
                    <ResourceCard key={`${c.kind}/${c.namespace}/${c.name}`} card={c} />
                  ))}
                </ul>
              )}
              <Pagination params={params} page={page.page} pageSize={page.pageSize} total={page.totalCount} />
            </>
          ) : null}
        </>
      )}
    </main>
  );
}
