// Query parameter rules shared by every endpoint (docs/browse-api.md §4.3).

import { BadRequestError } from "../errors";
import { RESOURCE_KINDS, type ResourceKind } from "../registry/types";

/** What route handlers pass in: URLSearchParams or anything with the same two getters. */
export interface QueryParams {
  get(name: string): string | null;
  getAll(name: string): string[];
}

/** First occurrence; an empty value means "not given". */
export function single(q: QueryParams, name: string): string | undefined {
  const v = q.get(name);
  return v === null || v === "" ? undefined : v;
}

/** Every non-empty occurrence of a repeatable parameter. */
export function repeated(q: QueryParams, name: string): string[] {
  return q.getAll(name).filter((v) => v !== "");
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Lenient integers: never a 400; not given, malformed or ≤ 0 ⇒ default; clamped to max. */
export function lenientInt(q: QueryParams, name: string, def: number, max = MAX_SAFE): number {
  const v = single(q, name);
  if (v === undefined || !/^[+-]?[0-9]+$/.test(v)) return def;
  const big = BigInt(v);
  if (big <= 0n) return def;
  return big > BigInt(max) ? max : Number(big);
}

/** An enumerated value matched case-insensitively; invalid ⇒ 400 naming the allowed values. */
export function enumParam<T extends string>(
  value: string | undefined,
  param: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (found) return found;
  throw new BadRequestError(
    `invalid value ${JSON.stringify(value.slice(0, 64))} for ${param}; allowed values: ${allowed.join(", ")}`,
    param,
    allowed,
  );
}

/** The path `kind` of single-resource endpoints; validated before any lookup. */
export function pathKind(kind: string): ResourceKind {
  return enumParam(kind, "kind", RESOURCE_KINDS)!;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
  page: number;
  pageSize: number;
}

/** Items `[(page−1)·size, page·size)`; a page past the end is empty with the true total. */
export function paginate<T>(all: readonly T[], page: number, pageSize: number): Page<T> {
  const start = (page - 1) * pageSize;
  const items = start >= all.length ? [] : all.slice(start, start + pageSize);
  return { items, totalCount: all.length, page, pageSize };
}

export const PAGE_PARAMS = ["page", "page_size"] as const;

/**
 * The parameters of `q` an endpoint reads (`names`), all occurrences in request order: the part
 * of a request a cache key may depend on. Anything else in a URL changes nothing, so it must not
 * make a new cache entry (junk parameters would otherwise evict every useful one).
 */
export function onlyParams(q: URLSearchParams, names: readonly string[]): URLSearchParams {
  const known = new Set(names);
  return new URLSearchParams([...q].filter(([name]) => known.has(name)));
}

export function pageParams(q: QueryParams): { page: number; pageSize: number } {
  return { page: lenientInt(q, "page", 1), pageSize: lenientInt(q, "page_size", 20, 100) };
}
