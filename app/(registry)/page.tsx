import { ArrowDownWideNarrow, ArrowUpNarrowWide, SlidersHorizontal } from "lucide";
import { Icon } from "@/components/ui/icon";
import type { Metadata } from "next";
import { blockingState } from "@/app/_components/page-state";
import { FilterChips } from "@/components/registry/filter-chips";
import { RegistryFilters } from "@/components/registry/registry-filters";
import { ResourceCard } from "@/components/registry/resource-card";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "@/components/ui/format";
import { PageHeader, PageMain } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { authErrorText } from "@/lib/auth/session";
import { cardExtras } from "@/lib/browse/card-summary";
import { listNamespaces } from "@/lib/browse/namespaces";
import { listResources, platformOptions } from "@/lib/browse/resources";
import { BadRequestError } from "@/lib/errors";
import { pageContext } from "@/app/_server/page-context";
import { toSearchParams } from "@/lib/server/search-params";

export const dynamic = "force-dynamic";
// The root segment: the layout title template does not apply to its own page.
export const metadata: Metadata = { title: { absolute: "Registry · OpenDepot Registry Explorer" } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const FILTER_KEYS = ["q", "namespace", "kind", "synced", "severity", "os", "arch", "public_only"];

export default async function RegistryPage({ searchParams }: Props) {
  const ctx = await pageContext();
  const params = toSearchParams(await searchParams);
  const authError = params.get("auth_error");
  const banner = authError !== null ? authErrorText(authError) : undefined;
  const blocked = blockingState(ctx, "Registry");
  if (blocked || !ctx.state || !ctx.viewer) return blocked;
  let page: ReturnType<typeof listResources> | undefined;
  let invalid: string | undefined;
  try {
    page = listResources(ctx.state, ctx.viewer, params);
  } catch (err) {
    if (!(err instanceof BadRequestError)) throw err;
    invalid = err.message;
  }
  const extras = page ? await cardExtras(ctx.state, page.items) : new Map();
  const platforms = platformOptions(ctx.state, ctx.viewer);
  const namespaces = listNamespaces(ctx.state, ctx.viewer, new URLSearchParams("include=visible")).items.map(
    (n) => n.name,
  );
  const filtered = [...params.keys()].some((k) => FILTER_KEYS.includes(k));
  return (
    <PageMain>
      <PageHeader title="Registry" description="Terraform and OpenTofu modules and providers you can use." />
      {banner ? (
        <Alert tone="warning" className="mt-4">
          {banner}
        </Alert>
      ) : null}
      <RegistryFilters
        params={params}
        osOptions={platforms.os}
        archOptions={platforms.arch}
        namespaces={namespaces}
        icons={{
          filters: <Icon node={SlidersHorizontal} aria-hidden="true" className="h-4 w-4" />,
          ascending: <Icon node={ArrowUpNarrowWide} aria-hidden="true" className="h-4 w-4" />,
          descending: <Icon node={ArrowDownWideNarrow} aria-hidden="true" className="h-4 w-4" />,
        }}
      />
      <FilterChips params={params} />
      {invalid ? (
        <Alert tone="danger" className="mt-4">
          {invalid}
        </Alert>
      ) : page ? (
        <>
          <p className="mt-4 text-sm text-muted" data-testid="result-count" aria-live="polite">
            {formatCount(page.totalCount)} {page.totalCount === 1 ? "result" : "results"}
          </p>
          {page.items.length === 0 ? (
            <EmptyState
              title={filtered ? "No module or provider matches these filters." : "No modules or providers to show."}
              className="mt-6"
            >
              Only resources whose namespace and resource both carry the label{" "}
              <code>opendepot.defdev.io/public: &quot;true&quot;</code> are shown to everyone.
              {ctx.mode === "oidc" && !ctx.viewer.identity ? " Sign in to see what your groups grant." : ""}
            </EmptyState>
          ) : (
            <ul
              className="mt-3 grid gap-3 sm:grid-cols-2 md:grid-cols-1 lg:grid-cols-2 xl:grid-cols-3"
              data-testid="resource-list"
            >
              {page.items.map((c) => {
                const id = `${c.kind}/${c.namespace}/${c.name}`;
                return <ResourceCard key={id} card={c} extras={extras.get(id)} />;
              })}
            </ul>
          )}
          <Pagination params={params} page={page.page} pageSize={page.pageSize} total={page.totalCount} />
        </>
      ) : null}
    </PageMain>
  );
}
