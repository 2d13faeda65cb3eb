"use client";

// Reads for the detail page's versions table and scan findings: the page renders the first answer
// on the server, and a person's changes fetch the next one while the last stays on screen.
// Hand-written instead of TanStack Query: for these two reads it would be 9 KB brotli, most of the
// detail page's own JavaScript, against a 140 KB page budget (README "Page weight"); they need only
// keep-previous-data, a short-lived cache, refetch and cancellation.

import { useCallback, useEffect, useRef, useState } from "react";
import { getJson } from "./api";

/** A cached answer is shown without a request for this long (TanStack's staleTime here before). */
const FRESH_MS = 30_000;
const MAX_ENTRIES = 32;

const answers = new Map<string, { data: unknown; at: number }>();

function remember(url: string, data: unknown) {
  answers.delete(url);
  answers.set(url, { data, at: Date.now() });
  if (answers.size > MAX_ENTRIES) answers.delete(answers.keys().next().value!);
}

export interface JsonRead<T> {
  readonly data: T;
  readonly isFetching: boolean;
  readonly error?: Error;
  refetch(): void;
}

/** GET `url` as JSON; `initial` is the server's answer for `initialUrl`. */
export function useJson<T>(url: string, initialUrl: string, initial: T): JsonRead<T> {
  const [shown, setShown] = useState<{ url: string; data: T }>({ url: initialUrl, data: initial });
  const [error, setError] = useState<Error | undefined>();
  const [fetching, setFetching] = useState(false);
  const [mountedAt] = useState(() => Date.now());
  // Bumped by refetch: the next read skips the cache.
  const [generation, setGeneration] = useState(0);
  const handled = useRef(0);

  useEffect(() => {
    const forced = generation !== handled.current;
    handled.current = generation;
    const cached = answers.get(url) ?? (url === initialUrl ? { data: initial, at: mountedAt } : undefined);
    if (cached) setShown({ url, data: cached.data as T });
    if (!forced && cached && Date.now() - cached.at < FRESH_MS) {
      setError(undefined);
      return;
    }
    const controller = new AbortController();
    setFetching(true);
    getJson<T>(url, controller.signal).then(
      (data) => {
        remember(url, data);
        setShown({ url, data });
        setError(undefined);
        setFetching(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err instanceof Error ? err : new Error(String(err)));
        setFetching(false);
      },
    );
    return () => controller.abort();
  }, [url, initialUrl, initial, mountedAt, generation]);

  const refetch = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: shown.data, isFetching: fetching, ...(error ? { error } : {}), refetch };
}
