// Rendered pages, replayed (README "Page cache"). React's server render of a page costs more than
// the whole page-throughput target allows, while a page's HTML depends only on: the browse state,
// what the viewer may see and who they are (the shell shows the name, the groups and the binding
// that matched), the URL and Host, and the theme and sidebar cookies. All of these are in the key,
// so a replay is the page the request would have rendered. The per-response CSP nonce is cut out
// when a page is stored and a fresh one is put in on every replay: no two responses share one.
//
// The request guard (scripts/request-guard.mjs) asks `lookup` before Next sees a request and hands
// the response it captured to `store`; it finds this cache on globalThis (PAGE_CACHE_HOOK) because
// it runs outside the bundle.

import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders } from "node:http";
import { LRUCache } from "lru-cache";
import { authenticate } from "../auth/gate";
import { SESSION_COOKIE } from "../auth/session";
import { viewerCacheKey } from "../auth/viewer";
import { downloadsInUse, type BrowseState } from "../browse/state";
import { whoami } from "../browse/whoami";
import { SIDEBAR_COOKIE, sidebarCollapsedFrom, THEME_COOKIE, themeFrom } from "../shell-preferences";
import { RequestCookies } from "./auth-http";
import { credentialFrom, readDevToken, readSession } from "./credentials";
import { metrics } from "./metrics";
import type { Runtime } from "./runtime";
import { authMode, viewerFor } from "./viewer";

export const PAGE_CACHE_HOOK = Symbol.for("opendepot.page-cache");

/** The pages (app/**\/page.tsx): the Registry, Depots, Stats and a resource's detail. */
const PAGE_PATH = /^\/(?:depots|stats)?$|^\/[^/]+\/(?:module|provider)\/[^/]+$/;

/** How long a page is replayed at most: relative times and the download trend age; a new state drops it sooner. */
const TTL_MS = 30_000;

/** Larger pages are rendered every time. */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

/** Headers that belong to one response, or that the server (and its compression) writes itself. */
const PER_RESPONSE = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "x-request-id",
  "content-security-policy",
]);

/** What the guard captured of a response Next wrote. */
export interface CapturedPage {
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;
}

/** A stored page, ready to replay. */
export interface Replay {
  readonly status: 200;
  readonly headers: readonly [string, string | string[]][];
  /** The stored parts with the fresh nonce between them, to be written in order (never joined). */
  readonly body: readonly Buffer[];
  readonly bytes: number;
}

interface Entry {
  readonly headers: readonly [string, string | string[]][];
  /** The CSP and the body with the nonce cut out: joined again with a fresh one. */
  readonly csp: readonly string[];
  readonly body: readonly Buffer[];
  readonly bytes: number;
  /** The stored parts' total length, summed once here rather than on every replay. */
  readonly partsBytes: number;
}

export type Lookup = { readonly key: string; readonly replay?: Replay } | undefined;

/** The same format as proxy.ts's nonce. */
const newNonce = () => btoa(randomUUID());

function split(body: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(separator, from); at >= 0; at = body.indexOf(separator, from)) {
    parts.push(body.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/**
 * `parts` with `separator` between them, as a list: the stored page is not copied. Joining it into
 * one buffer cost each replay a copy of the whole page (the large registry's Depots page is 430-530
 * KB), which drove the collector under load.
 */
function interleave(parts: readonly Buffer[], separator: Buffer): Buffer[] {
  const out: Buffer[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(separator);
    out.push(p);
  });
  return out;
}

const header = (req: IncomingMessage, name: string) => {
  // own-key: `name` is one of this module's constants; Node's headers object has no prototype
  const v = req.headers[name];
  return typeof v === "string" ? v : undefined;
};

export class PageCache {
  private readonly lru: LRUCache<string, Entry>;
  private readonly generations = new WeakMap<BrowseState, number>();
  private nextGeneration = 1;
  private currentGeneration = 0;

  constructor(
    private readonly runtime: Runtime,
    maxBytes: number,
  ) {
    this.lru = new LRUCache<string, Entry>({
      maxSize: Math.max(1, maxBytes),
      sizeCalculation: (entry, key) => Math.max(1, entry.bytes + 2 * key.length),
      ttl: TTL_MS,
    });
  }

  /**
   * The key of the page this request renders, with the stored page when there is one; undefined
   * when it must render. The guard never asks for client-side navigations and prefetches (their
   * flight responses depend on the router's state): `isFlightRequest` in scripts/request-guard.mjs.
   */
  async lookup(req: IncomingMessage, now = Date.now()): Promise<Lookup> {
    const state = this.runtime.state;
    if (state === undefined || req.method !== "GET") return undefined;
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://page.invalid");
    } catch {
      return undefined;
    }
    if (!PAGE_PATH.test(url.pathname)) return undefined;

    const jar = new RequestCookies(header(req, "cookie") ?? null);
    const get = (name: string) => jar.get(name);
    const [session, devToken] = await Promise.all([readSession(this.runtime, get), readDevToken(this.runtime, get)]);
    // proxy.ts drops an unreadable or expired session with a Set-Cookie: render that response.
    if (get(SESSION_COOKIE) !== undefined && (!session || session.expiresAt * 1000 <= now)) return undefined;
    let viewer;
    try {
      const auth = await authenticate(this.runtime.gate, credentialFrom(devToken, session, now));
      viewer = viewerFor(this.runtime, auth, state.index);
    } catch {
      return undefined; // rejected or unverifiable: the page explains it, or redirects
    }
    // Everything the shell shows about the person; hashed, as it may hold a thousand groups.
    const identity = createHash("sha256")
      .update(
        JSON.stringify([
          whoami(viewer, authMode(this.runtime)),
          session?.name ?? null,
          session?.email ?? null,
          devToken !== undefined,
        ]),
      )
      .digest("base64url");
    const key = [
      this.generation(state),
      downloadsInUse(state, now) ? "d" : "-",
      viewerCacheKey(viewer),
      identity,
      header(req, "host") ?? "",
      themeFrom(get(THEME_COOKIE)),
      sidebarCollapsedFrom(get(SIDEBAR_COOKIE)) ? "collapsed" : "-",
      url.pathname + url.search,
    ].join("\u0000");
    const entry = this.lru.get(key);
    metrics().pageCache.inc({ result: entry ? "hit" : "miss" });
    return entry ? { key, replay: replay(entry, header(req, "x-request-id")) } : { key };
  }

  /** Keeps a page Next rendered for `key`, unless it is not one every such request would get. */
  store(key: string, page: CapturedPage): void {
    const type = page.headers["content-type"];
    const csp = page.headers["content-security-policy"];
    if (page.status !== 200 || page.body.length > MAX_PAGE_BYTES) return;
    if (typeof type !== "string" || !type.startsWith("text/html")) return;
    if (page.headers["set-cookie"] !== undefined || typeof csp !== "string") return;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    if (nonce === undefined) return;
    const headers: [string, string | string[]][] = [];
    for (const [name, value] of Object.entries(page.headers)) {
      if (value === undefined || PER_RESPONSE.has(name)) continue;
      headers.push([name, Array.isArray(value) ? value : String(value)]);
    }
    const body = split(page.body, Buffer.from(nonce));
    const partsBytes = body.reduce((sum, part) => sum + part.length, 0);
    this.lru.set(key, { headers, csp: csp.split(nonce), body, bytes: page.body.length, partsBytes });
  }

  get size(): number {
    return this.lru.size;
  }

  /** A newer state makes every stored page unreachable: drop them (as the result cache does). */
  private generation(state: BrowseState): number {
    let generation = this.generations.get(state);
    if (generation === undefined) this.generations.set(state, (generation = this.nextGeneration++));
    if (generation > this.currentGeneration) {
      this.currentGeneration = generation;
      this.lru.clear();
    }
    return generation;
  }
}

function replay(entry: Entry, requestId: string | undefined): Replay {
  const nonce = newNonce();
  const separator = Buffer.from(nonce);
  const body = interleave(entry.body, separator);
  return {
    status: 200,
    headers: [
      ...entry.headers,
      ["content-security-policy", entry.csp.join(nonce)],
      ["x-request-id", requestId ?? randomUUID()],
    ],
    body,
    bytes: entry.partsBytes + (entry.body.length - 1) * separator.length,
  };
}

/** Makes the cache reachable from the request guard, which runs outside the bundle. */
export function installPageCache(cache: PageCache): void {
  (globalThis as Record<symbol, unknown>)[PAGE_CACHE_HOOK] = cache;
}
