import { cn } from "./cn";
import { PageMain } from "./page-header";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded bg-subtle", className)} />;
}

/** The shell of a page while its data loads: a heading and blocks shaped like the content. */
export function PageSkeleton({ title, blocks }: { title: string; blocks: "cards" | "detail" | "graph" | "stats" }) {
  return (
    <PageMain>
      <div aria-busy="true">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="sr-only" role="status">
          Loading…
        </p>
        {blocks === "cards" ? (
          <div className="mt-6 grid gap-3 sm:grid-cols-2 md:grid-cols-1 lg:grid-cols-2 xl:grid-cols-3">
            {Array.from({ length: 9 }, (_, i) => (
              <Skeleton key={i} className="h-36" />
            ))}
          </div>
        ) : blocks === "detail" ? (
          <div className="mt-6 grid gap-6 lg:grid-cols-3">
            <div className="space-y-4 lg:col-span-2">
              <Skeleton className="h-36" />
              <Skeleton className="h-96" />
            </div>
            <Skeleton className="h-64" />
          </div>
        ) : blocks === "graph" ? (
          <Skeleton className="mt-6 h-[560px]" />
        ) : (
          <div className="mt-6 grid grid-cols-2 gap-3 md:grid-cols-6">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-20" />
            ))}
          </div>
        )}
      </div>
    </PageMain>
  );
}
