// What the benchmark requests, and the targets each kind of request must meet (issue 7).

/**
 * `miss` and `reference` are informational, without targets: the targets are for repeated
 * typical queries, and the shell-only page shows what server rendering costs before any content.
 */
export type Category = "baseline" | "list" | "heavy" | "other" | "page" | "miss" | "reference";

export interface Endpoint {
  readonly name: string;
  readonly path: string;
  readonly category: Category;
  /** A different path for every request (defeats the result cache); `path` is the first one. */
  readonly pathFor?: (n: number) => string;
  /** Default 200. */
  readonly expectStatus?: number;
}

/** One public module and one public provider, found through the API itself. */
export interface Subjects {
  readonly module: { namespace: string; name: string };
  readonly provider: { namespace: string; name: string };
}

const API = "/opendepot/ui/v1";

export const BASELINE: Endpoint = { name: "baseline (GET /healthz)", path: "/healthz", category: "baseline" };

export function apiEndpoints(s: Subjects, search: string, withDownloadsSort = false): Endpoint[] {
  const m = `${API}/resources/${s.module.namespace}/module/${s.module.name}`;
  const p = `${API}/resources/${s.provider.namespace}/provider/${s.provider.name}`;
  return [
    { name: "resources: first page", path: `${API}/resources`, category: "list" },
    {
      name: `resources: search q=${search}`,
      path: `${API}/resources?q=${encodeURIComponent(search)}`,
      category: "list",
    },
    {
      name: "resources: a new search every request (cache miss)",
      path: `${API}/resources?q=0`,
      pathFor: (n) => `${API}/resources?q=${n % 10}${Math.floor(n / 10)}&sort_by=latest_version`,
      category: "miss",
    },
    { name: "resources: severity=HIGH", path: `${API}/resources?severity=HIGH`, category: "list" },
    {
      name: "resources: sort_by=latest_version desc",
      path: `${API}/resources?sort_by=latest_version&sort_dir=desc&page=2`,
      category: "list",
    },
    ...(withDownloadsSort
      ? [
          {
            name: "resources: sort_by=downloads desc",
            path: `${API}/resources?sort_by=downloads&sort_dir=desc`,
            category: "list" as const,
          },
        ]
      : []),
    { name: "module detail", path: m, category: "list" },
    { name: "provider versions (page 1)", path: `${p}/versions`, category: "list" },
    { name: "module scan-findings", path: `${m}/scan-findings`, category: "list" },
    { name: "namespaces", path: `${API}/namespaces`, category: "other" },
    { name: "depots", path: `${API}/depots`, category: "other" },
    { name: "whoami", path: `${API}/whoami`, category: "other" },
    { name: "depots graph", path: `${API}/depots/graph`, category: "heavy" },
    { name: "stats", path: `${API}/stats`, category: "heavy" },
  ];
}

export function pageEndpoints(s: Subjects): Endpoint[] {
  return [
    { name: "page: Registry", path: "/", category: "page" },
    { name: "page: module detail", path: `/${s.module.namespace}/module/${s.module.name}`, category: "page" },
    { name: "page: Depots", path: "/depots", category: "page" },
    { name: "page: Stats", path: "/stats", category: "page" },
    {
      // Every request a page the page cache has not seen: what rendering costs (README "Page cache").
      name: "page: Registry, a new search every request (cache miss)",
      path: "/?q=0",
      pathFor: (n) => `/?q=${n % 10}${Math.floor(n / 10)}`,
      category: "miss",
    },
    {
      name: "page: not found (the shell alone, for reference)",
      path: "/bench-no-such-page",
      category: "reference",
      expectStatus: 404,
    },
  ];
}

export interface Targets {
  /** Minimum req/s as a share of the baseline's, at 32 connections. */
  readonly minRatio?: number;
  /** Maximum p99 as a multiple of the baseline's p99, at 32 connections. */
  readonly maxP99Ratio?: number;
  /** Maximum p50 in ms at 1 connection. */
  readonly maxUnloadedP50?: number;
}

export const TARGETS: Record<Category, Targets> = {
  baseline: {},
  list: { minRatio: 0.6, maxP99Ratio: 2, maxUnloadedP50: 3 },
  other: { minRatio: 0.6, maxP99Ratio: 2 },
  heavy: { minRatio: 0.4, maxP99Ratio: 2, maxUnloadedP50: 10 },
  page: { minRatio: 0.3, maxUnloadedP50: 60 },
  miss: {},
  reference: {},
};

/** Compressed JavaScript a first-time visitor may transfer, in KB (1 KB = 1000 bytes). */
export const JS_BUDGET_KB: Record<string, number> = { Registry: 120, "module detail": 140, Stats: 120, Depots: 200 };
