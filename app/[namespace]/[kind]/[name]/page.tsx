import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DownloadTrend } from "@/components/resource/download-trend";
import { getResourceDetail, type ResourceDetail } from "@/lib/browse/detail";
import { AppError } from "@/lib/errors";
import { pageContext } from "@/lib/server/page-context";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ namespace: string; kind: string; name: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const p = await params;
  return { title: `${decodeURIComponent(p.name)} (${p.kind})` };
}

// A first resource detail page: header, downloads and versions. The full page (README, usage,
// findings) comes with the pages work.
export default async function ResourcePage({ params }: Params) {
  const path = await params;
  const ctx = await pageContext();
  if (!ctx.state || !ctx.viewer) return <main className="p-6">The registry is loading; reload in a moment.</main>;
  let detail: ResourceDetail;
  try {
    detail = await getResourceDetail(ctx.state, ctx.viewer, path);
  } catch (err) {
    // Missing, invisible, or a kind that is neither module nor provider: the same 404.
    if (err instanceof AppError && (err.code === "not_found" || err.code === "bad_request")) notFound();
    throw err;
  }
  return (
    <main className="mx-auto max-w-5xl p-6">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <a href="/" className="underline">
          Registry
        </a>{" "}
        / {detail.namespace} / {detail.kind}
      </p>
      <h1 className="mt-1 text-2xl font-semibold">{detail.name}</h1>
      <p className="mt-1 text-sm">
        {detail.latestVersion ? `Latest v${detail.latestVersion} · ` : ""}
        {detail.syncState} · {detail.public ? "public" : "private"}
        {detail.totalDownloads !== undefined ? ` · ${detail.totalDownloads} downloads` : ""}
      </p>
      {detail.downloadTrend ? (
        <section className="mt-6" aria-labelledby="trend-heading">
          <h2 id="trend-heading" className="text-lg font-semibold">
            Downloads, last 30 days
          </h2>
          <DownloadTrend points={detail.downloadTrend} />
        </section>
      ) : null}
      <section className="mt-6" aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="text-lg font-semibold">
          Versions
        </h2>
        <ul className="mt-2 divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="version-list">
          {(detail.versions ?? []).map((v) => (
            <li key={v.name} className="py-1">
              v{v.version}
              {v.os ? ` · ${v.os}/${v.arch}` : ""} · {v.syncState}
              {v.downloadCount !== undefined ? ` · ${v.downloadCount} downloads` : ""}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
