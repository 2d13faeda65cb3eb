// Same-origin browse API calls from client components (the session cookie is the credential).

export class ApiError extends Error {}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, {
    headers: { accept: "application/json" },
    cache: "no-store",
    ...(signal ? { signal } : {}),
  });
  if (!res.ok) {
    let message = `request failed (${res.status})`;
    try {
      message = ((await res.json()) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // not JSON
    }
    throw new ApiError(message);
  }
  return (await res.json()) as T;
}

/** Replaces query parameters in the address bar without a navigation (Next syncs useSearchParams). */
export function replaceParams(update: Record<string, string | null>): void {
  const url = new URL(window.location.href);
  for (const [k, v] of Object.entries(update)) {
    if (v === null || v === "") url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  window.history.replaceState(null, "", url);
}
