"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-3xl p-6">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2">The page could not be rendered. The error was logged on the server.</p>
      <button type="button" onClick={() => reset()} className="mt-4 rounded bg-blue-700 px-3 py-1 font-medium text-white hover:bg-blue-800">
        Try again
      </button>
    </main>
  );
}
