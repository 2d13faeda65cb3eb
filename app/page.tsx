import { AUTH_ERROR_TEXT } from "@/lib/auth/session";
import { listResources } from "@/lib/browse/resources";
import { AccountPanel } from "@/components/layout/account-panel";
import { pageContext } from "@/lib/server/page-context";

export const dynamic = "force-dynamic";

// A minimal registry overview with the account panel; the full pages arrive with the pages work.
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await pageContext();
  const params = await searchParams;
  const authError = typeof params.auth_error === "string" ? (AUTH_ERROR_TEXT[params.auth_error] ?? AUTH_ERROR_TEXT.unknown) : undefined;
  const page = ctx.state && ctx.viewer ? listResources(ctx.state, ctx.viewer, new URLSearchParams("page_size=100")) : undefined;
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6 p-6 md:flex-row">
      <aside className="md:w-64 md:shrink-0">
        <p className="text-lg font-semibold">OpenDepot</p>
        <nav aria-label="Main" className="mt-4">
          <a href="/" className="font-medium underline">
            Registry
          </a>
        </nav>
        <div className="mt-8 border-t border-slate-200 pt-4 dark:border-slate-800">
          <AccountPanel
            signInEnabled={ctx.mode === "oidc"}
            {...(ctx.session?.name ? { name: ctx.session.name } : {})}
            {...(ctx.session?.email ? { email: ctx.session.email } : {})}
            devTokenEnabled={ctx.runtime.config.devTokenInputEnabled}
            hasDevToken={ctx.hasDevToken}
            returnTo={ctx.path}
          />
        </div>
      </aside>
      <main className="min-w-0 flex-1">
        <h1 className="text-2xl font-semibold">Registry</h1>
        {authError ? (
          <p role="alert" className="mt-4 rounded border border-amber-400 bg-amber-50 p-3 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            {authError}
          </p>
        ) : null}
        {ctx.sessionExpired ? (
          <p role="status" className="mt-4 rounded border border-slate-300 p-3">
            Session expired — <a className="underline" href="/auth/login?returnTo=%2F">sign in again</a>.
          </p>
        ) : null}
        {ctx.unauthorized ? (
          <p role="alert" className="mt-4 rounded border border-red-400 p-3">
            Your credentials were not accepted. <a className="underline" href="/auth/login?returnTo=%2F">Sign in again</a>.
          </p>
        ) : !page ? (
          <p className="mt-4">The registry is loading; reload in a moment.</p>
        ) : (
          <>
            <p className="mt-2 text-slate-600 dark:text-slate-400" data-testid="result-count">
              {page.totalCount} modules and providers visible.
            </p>
            <ul className="mt-6 divide-y divide-slate-200 dark:divide-slate-800" data-testid="resource-list">
              {page.items.map((c) => (
                <li key={`${c.kind}/${c.namespace}/${c.name}`} className="flex flex-wrap items-baseline gap-x-3 py-2">
                  <span className="font-medium">{c.name}</span>
                  <span className="text-sm text-slate-600 dark:text-slate-400">
                    {c.namespace} · {c.kind}
                    {c.latestVersion ? ` · v${c.latestVersion}` : ""} · {c.syncState} · {c.public ? "public" : "private"}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </main>
    </div>
  );
}
