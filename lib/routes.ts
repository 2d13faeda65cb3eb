// Every address the pages link to or fetch, in one place, and the one mapping from a detail
// page's URL parameters (v_*, f_*) to the browse API's query — used by the server page and by
// the client tables alike, so the two cannot drift.

export interface ResourceRef {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
}

const seg = encodeURIComponent;

/** The detail page of a module or provider. */
export function resourcePath(r: ResourceRef): string {
  return `/${seg(r.namespace)}/${seg(r.kind)}/${seg(r.name)}`;
}

/** The browse API address of a resource; `sub` is "versions" or "scan-findings". */
export function resourceApiPath(r: ResourceRef, sub?: "versions" | "scan-findings"): string {
  return `/opendepot/ui/v1/resources/${seg(r.namespace)}/${seg(r.kind)}/${seg(r.name)}${sub ? `/${sub}` : ""}`;
}

function withQuery(path: string, q: URLSearchParams | Record<string, string | string[] | undefined>): string {
  const params = q instanceof URLSearchParams ? q : new URLSearchParams();
  if (!(q instanceof URLSearchParams)) {
    for (const [k, v] of Object.entries(q)) {
      for (const x of Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v]) params.append(k, x);
    }
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** The Registry page, optionally filtered (`{ namespace: "platform" }`, `{ q: "vpc" }`). */
export function registryPath(q: URLSearchParams | Record<string, string | string[] | undefined> = {}): string {
  return withQuery("/", q);
}

/** The Depots page, optionally focused on a depot (`namespace/name`). */
export function depotsPath(q: { depot?: string; namespace?: string } = {}): string {
  return withQuery("/depots", q);
}

export function statsPath(q: { namespace?: string } = {}): string {
  return withQuery("/stats", q);
}

/** Sign in and come back to `returnTo` (a path on this site). */
export function signInPath(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}

/** Detail page parameter → versions API parameter. */
export const VERSIONS_PARAMS = [
  ["v_q", "q"],
  ["v_synced", "synced"],
  ["v_os", "os"],
  ["v_arch", "arch"],
  ["v_page", "page"],
  ["v_size", "page_size"],
] as const;

/** The versions API query for a detail page's URL parameters. */
export function versionsApiQuery(page: { get(name: string): string | null }): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, api] of VERSIONS_PARAMS) {
    const v = page.get(k);
    if (v) q.set(api, v);
  }
  return q;
}

/** The scan-findings API query for a detail page's URL parameters (f_version, f_binary). */
export function findingsApiQuery(page: { get(name: string): string | null }, kind: string): URLSearchParams {
  const q = new URLSearchParams();
  const version = page.get("f_version");
  const binary = page.get("f_binary");
  if (version) q.set("version", version);
  if (binary && kind === "provider") q.set("binaryVersion", binary);
  return q;
}
