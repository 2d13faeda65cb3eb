// A small stand-in for the Kubernetes API server, enough for @kubernetes/client-node informers:
// list (`{kind: XList, metadata.resourceVersion, items}`, in pages with `limit` and `continue`;
// later pages come from the current objects, not a consistent snapshot) and chunked watch streams of
// ADDED/MODIFIED/DELETED/BOOKMARK events, 410 Gone for expired resourceVersions, abrupt
// disconnects, and stop/start on the same port. No real API server can run on these machines.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type Obj = {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string> };
} & Record<string, unknown>;

interface Event {
  rv: number;
  type: "ADDED" | "MODIFIED" | "DELETED";
  resource: string;
  object: Obj;
}

/** Path → resource plural and optional namespace. */
function route(pathname: string): { resource: string; namespace?: string } | undefined {
  let m = /^\/apis\/opendepot\.defdev\.io\/v1alpha1\/(?:namespaces\/([^/]+)\/)?([a-z]+)$/.exec(pathname);
  if (m) return { resource: m[2]!, ...(m[1] ? { namespace: m[1] } : {}) };
  m = /^\/api\/v1\/(namespaces|configmaps)$/.exec(pathname);
  if (m) return { resource: m[1]! };
  m = /^\/api\/v1\/namespaces\/([^/]+)\/configmaps(?:\/([^/]+))?$/.exec(pathname);
  if (m) return { resource: "configmaps", namespace: m[1]! };
  return undefined;
}

const LIST_KIND: Record<string, string> = {
  modules: "ModuleList",
  versions: "VersionList",
  providers: "ProviderList",
  depots: "DepotList",
  groupbindings: "GroupBindingList",
  namespaces: "NamespaceList",
  configmaps: "ConfigMapList",
};

export class FakeKubeApi {
  private server: Server | undefined;
  private rv = 100;
  private readonly objects = new Map<string, Map<string, Obj>>();
  private readonly events: Event[] = [];
  private readonly watchers = new Set<{
    res: ServerResponse;
    resource: string;
    namespace?: string;
    selector?: [string, string];
  }>();
  /** Events older than this resourceVersion are forgotten: a watch from before it gets 410. */
  private oldestRetained = 0;
  port = 0;
  readonly requests: string[] = [];

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Stops accepting and cuts every open watch abruptly. */
  async stop(): Promise<void> {
    if (!this.server) return;
    for (const w of this.watchers) w.res.destroy();
    this.watchers.clear();
    const server = this.server;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }

  /** Cuts the open watch streams without a final chunk; the server stays up. */
  dropWatches(): void {
    for (const w of this.watchers) w.res.socket?.destroy();
    this.watchers.clear();
  }

  /** Forgets history: watches resuming from an older resourceVersion get 410 Gone. */
  compact(): void {
    this.oldestRetained = this.rv + 1;
    this.events.length = 0;
  }

  private store(resource: string): Map<string, Obj> {
    let s = this.objects.get(resource);
    if (!s) this.objects.set(resource, (s = new Map()));
    return s;
  }

  apply(resource: string, object: Obj): void {
    const key = `${object.metadata.namespace ?? ""}/${object.metadata.name}`;
    const s = this.store(resource);
    const type = s.has(key) ? "MODIFIED" : "ADDED";
    this.rv += 1;
    const stored = { ...object, metadata: { ...object.metadata, resourceVersion: String(this.rv) } };
    s.set(key, stored);
    this.emit({ rv: this.rv, type, resource, object: stored });
  }

  remove(resource: string, namespace: string | undefined, name: string): void {
    const key = `${namespace ?? ""}/${name}`;
    const s = this.store(resource);
    const obj = s.get(key);
    if (!obj) return;
    s.delete(key);
    this.rv += 1;
    this.emit({
      rv: this.rv,
      type: "DELETED",
      resource,
      object: { ...obj, metadata: { ...obj.metadata, resourceVersion: String(this.rv) } },
    });
  }

  /** Sends a BOOKMARK to every open watch. */
  bookmark(): void {
    for (const w of this.watchers)
      w.res.write(
        JSON.stringify({
          type: "BOOKMARK",
          object: { kind: "Bookmark", metadata: { resourceVersion: String(this.rv) } },
        }) + "\n",
      );
  }

  private matches(o: Obj, namespace?: string, selector?: [string, string]): boolean {
    if (namespace && o.metadata.namespace !== namespace) return false;
    if (selector && o.metadata.labels?.[selector[0]] !== selector[1]) return false;
    return true;
  }

  private emit(e: Event): void {
    this.events.push(e);
    for (const w of this.watchers) {
      if (w.resource === e.resource && this.matches(e.object, w.namespace, w.selector))
        w.res.write(JSON.stringify({ type: e.type, object: e.object }) + "\n");
    }
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://x");
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const r = route(url.pathname);
    const selectorParam = url.searchParams.get("labelSelector");
    const selector = selectorParam ? (selectorParam.split("=") as [string, string]) : undefined;
    if (!r) {
      res.statusCode = 404;
      res.end(JSON.stringify({ kind: "Status", code: 404 }));
      return;
    }
    res.setHeader("content-type", "application/json");
    // A single ConfigMap (README lookups).
    const single = /\/configmaps\/([^/]+)$/.exec(url.pathname);
    if (single) {
      const obj = this.store("configmaps").get(`${r.namespace}/${single[1]}`);
      res.statusCode = obj ? 200 : 404;
      res.end(JSON.stringify(obj ?? { kind: "Status", code: 404, reason: "NotFound" }));
      return;
    }
    if (url.searchParams.get("watch") === "true" || url.searchParams.get("watch") === "1") {
      const from = Number(url.searchParams.get("resourceVersion") ?? "0");
      if (from > 0 && from < this.oldestRetained) {
        // As the API server does for compacted history: a 410 inside the watch stream.
        res.write(
          JSON.stringify({
            type: "ERROR",
            object: {
              kind: "Status",
              apiVersion: "v1",
              status: "Failure",
              code: 410,
              reason: "Expired",
              message: "too old resource version",
            },
          }) + "\n",
        );
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
      const watcher = {
        res,
        resource: r.resource,
        ...(r.namespace ? { namespace: r.namespace } : {}),
        ...(selector ? { selector } : {}),
      };
      this.watchers.add(watcher);
      for (const e of this.events) {
        if (e.rv > from && e.resource === r.resource && this.matches(e.object, r.namespace, selector))
          res.write(JSON.stringify({ type: e.type, object: e.object }) + "\n");
      }
      req.on("close", () => this.watchers.delete(watcher));
      return;
    }
    const items = [...this.store(r.resource).values()].filter((o) => this.matches(o, r.namespace, selector));
    // A continue token: the first page's resourceVersion and where the next page starts.
    const [listRv = String(this.rv), offset = "0"] = url.searchParams.get("continue")?.split(":") ?? [];
    const limit = Number(url.searchParams.get("limit") ?? "0");
    const from = Number(offset);
    const end = limit > 0 ? from + limit : items.length;
    res.end(
      JSON.stringify({
        kind: LIST_KIND[r.resource],
        apiVersion: r.resource === "namespaces" || r.resource === "configmaps" ? "v1" : "opendepot.defdev.io/v1alpha1",
        metadata: { resourceVersion: listRv, ...(end < items.length ? { continue: `${listRv}:${end}` } : {}) },
        items: items.slice(from, end),
      }),
    );
  }
}
