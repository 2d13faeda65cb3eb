"use client";

// Every page loads this boundary, so it spells out its markup (PageMain, PageHeader, Alert and a
// primary Button of components/ui, class for class) instead of importing those modules into every
// page's JavaScript (README "Page weight").

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto w-full max-w-6xl min-w-0 p-4 md:p-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold break-words">Something went wrong</h1>
        </div>
      </div>
      <div
        role="alert"
        className="mt-4 max-w-2xl rounded-lg border border-danger/50 bg-danger-soft p-3 text-sm text-fg"
      >
        <p className="font-semibold">The page could not be rendered</p>
        <div className="mt-1">
          <p>The error was logged on the server. Trying again often helps after a registry update.</p>
          <button
            type="button"
            onClick={() => reset()}
            className="mt-3 inline-flex items-center justify-center gap-1.5 rounded-md border border-transparent bg-accent px-3 py-1.5 text-sm font-medium whitespace-nowrap text-on-accent hover:bg-accent-hover focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
          >
            Try again
          </button>
        </div>
      </div>
    </main>
  );
}
