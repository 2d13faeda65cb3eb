// The sign-ins started in this browser and not yet finished (docs/auth.md §4), kept in one sealed
// cookie keyed by OAuth `state`. The cookie holds a plain object; here it becomes a Map of
// validated entries, so a `state` from the callback URL (`__proto__`, `constructor`, …) can only
// ever find an entry that /auth/login wrote.

import { z } from "zod";
import { PENDING_TTL_MS, type PendingSignIn } from "./session";

/** At most this many sign-ins in flight per browser (several tabs). */
export const MAX_PENDING = 5;

const Entry = z.object({
  verifier: z.string().min(43),
  nonce: z.string().min(1),
  returnTo: z.string().startsWith("/"),
  createdAt: z.number().finite(),
});

/** The unexpired, well-formed entries of an unsealed cookie value. */
export function readPending(value: unknown, now: number): Map<string, PendingSignIn> {
  const out = new Map<string, PendingSignIn>();
  if (value === null || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [state, raw] of Object.entries(value)) {
    const entry = Entry.safeParse(raw);
    if (entry.success && now - entry.data.createdAt < PENDING_TTL_MS && entry.data.createdAt <= now)
      out.set(state, entry.data);
  }
  return out;
}

/** The cookie value (Object.fromEntries defines own properties: no name is special). */
export function pendingValue(pending: ReadonlyMap<string, PendingSignIn>): Record<string, PendingSignIn> {
  return Object.fromEntries(pending);
}

/** The entries to keep when a new sign-in starts: the newest, leaving room for the new one. */
export function withNewSignIn(
  pending: ReadonlyMap<string, PendingSignIn>,
  state: string,
  entry: PendingSignIn,
): Map<string, PendingSignIn> {
  const kept = [...pending].sort(([, a], [, b]) => b.createdAt - a.createdAt).slice(0, MAX_PENDING - 1);
  return new Map([...kept, [state, entry]]);
}
