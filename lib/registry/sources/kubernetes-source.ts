// The registry from a Kubernetes cluster: a list+watch loop per resource kind, coalesced into
// immutable snapshots. Each object is parsed into the model as it arrives and only {resourceVersion,
// model object, warnings} is kept per key. Errors restart the watch from the last resourceVersion
// after a jittered backoff (410 Gone lists again); readiness is the first successful list of every
// kind. While the API server is away, the last snapshot keeps serving.

import { ownValue } from "../../own";
import {
  CoreV1Api,
  CustomObjectsApi,
  Watch,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from "@kubernetes/client-node";
import type { Logger } from "../../log";
import { parseRegistryObject, type SchemaWarning } from "../schemas";
import { composeSnapshot, patchSnapshot, type Snapshot, type SourceError } from "../snapshot";
import { API_GROUP_VERSION, PUBLIC_LABEL, type RegistryObject } from "../types";
import { MAX_CHANGE_DELAY_MS, type RegistrySource } from "./types";

const GROUP = "opendepot.defdev.io";
const README_TTL_MS = 60_000;
const VERSION = "v1alpha1";
/** More changed objects than this between two snapshots: read every object instead of patching. */
const MAX_PATCHED = 2000;
/**
 * Items per list request (client-go's reflector asks for 500 too): a large kind arrives and is
 * parsed a page at a time, so the whole list never sits in the heap at once.
 */
const LIST_PAGE = 500;
/** A watch that ends cleanly sooner than this, having seen nothing, waits the backoff before the next one. */
const SHORT_WATCH_MS = 1000;

/**
 * Drops what the explorer never reads from a listed or watched object before it is parsed:
 * managedFields and annotations (kubectl's last-applied-configuration repeats the whole object)
 * are often larger than everything the schemas read.
 */
export function dropUnreadFields<T extends KubernetesObject>(raw: T): T {
  if (raw.metadata) {
    delete raw.metadata.managedFields;
    delete raw.metadata.annotations;
  }
  return raw;
}

interface KindSpec {
  readonly plural: string;
  readonly kind: string;
  readonly apiVersion: string;
  /** Where to list and watch: undefined = all namespaces. */
  readonly namespace?: string;
  readonly labelSelector?: string;
}

/** What is kept of one object: never the raw object itself. */
interface Entry {
  readonly rv: string;
  readonly object?: RegistryObject;
}

interface KindState {
  readonly spec: KindSpec;
  /** key → entry, for the objects this kind's list and watch reported. */
  readonly objects: Map<string, Entry>;
  /** Where the next watch resumes; "" = list first. */
  resourceVersion: string;
  /** Incremented per list/watch attempt: callbacks of an older one are ignored. */
  attempt: number;
  abort?: AbortController;
  synced: boolean;
  lastSuccess?: number;
  lastError?: string;
  restarts: number;
  backoffMs: number;
  timer?: NodeJS.Timeout;
}

export interface KubernetesSourceOptions {
  readonly kubeConfig: KubeConfig;
  /** WATCH_NAMESPACES; empty = all namespaces. */
  readonly namespaces: readonly string[];
  readonly bindingsNamespace: string;
  readonly logger: Logger;
  /** Bursts of events are coalesced into one rebuild after this quiet period (at most MAX_CHANGE_DELAY_MS in total). */
  readonly debounceMs?: number;
  readonly maxBackoffMs?: number;
  /** Called on every list/watch restart after an error (metrics). */
  readonly onRestart?: (kind: string) => void;
}

export class KubernetesSource implements RegistrySource {
  readonly kind = "kubernetes" as const;
  private readonly kinds: KindState[] = [];
  /** Warnings of the parsed objects that have any, by key. */
  private readonly warned = new Map<string, readonly SchemaWarning[]>();
  /** Objects changed since the last snapshot: key → its kind and its object in that snapshot. */
  private readonly dirty = new Map<string, { k: KindState; old: RegistryObject | undefined }>();
  /** Set when a list replaced a kind's objects: the next snapshot is composed from every object. */
  private relisted = true;
  private last: Snapshot | undefined;
  private onSnapshot: ((s: Snapshot) => void) | undefined;
  private rebuildTimer: NodeJS.Timeout | undefined;
  private firstDirtyAt = 0;
  private stopped = false;
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;
  private readonly watch: Watch;
  private readyResolve: (() => void) | undefined;

  constructor(private readonly options: KubernetesSourceOptions) {
    this.core = options.kubeConfig.makeApiClient(CoreV1Api);
    this.custom = options.kubeConfig.makeApiClient(CustomObjectsApi);
    this.watch = new Watch(options.kubeConfig);
    // Deduplicated: one list+watch per namespace keeps every key reported by one of them only.
    const scopes: (string | undefined)[] =
      options.namespaces.length > 0 ? [...new Set(options.namespaces)] : [undefined];
    for (const [plural, kind] of [
      ["modules", "Module"],
      ["versions", "Version"],
      ["providers", "Provider"],
      ["depots", "Depot"],
    ] as const) {
      for (const namespace of scopes)
        this.kinds.push(
          this.state({ plural, kind, apiVersion: API_GROUP_VERSION, ...(namespace ? { namespace } : {}) }),
        );
    }
    this.kinds.push(
      this.state({
        plural: "groupbindings",
        kind: "GroupBinding",
        apiVersion: API_GROUP_VERSION,
        namespace: options.bindingsNamespace,
      }),
    );
    // Only public-labelled namespaces matter (docs/browse-api.md §3.1): a label selector keeps the watch small.
    this.kinds.push(
      this.state({ plural: "namespaces", kind: "Namespace", apiVersion: "v1", labelSelector: `${PUBLIC_LABEL}=true` }),
    );
  }

  private state(spec: KindSpec): KindState {
    return { spec, objects: new Map(), resourceVersion: "", attempt: 0, synced: false, restarts: 0, backoffMs: 500 };
  }

  private path(spec: KindSpec): string {
    if (spec.plural === "namespaces") return "/api/v1/namespaces";
    return spec.namespace
      ? `/apis/${GROUP}/${VERSION}/namespaces/${spec.namespace}/${spec.plural}`
      : `/apis/${GROUP}/${VERSION}/${spec.plural}`;
  }

  /** One page of a kind's list; `from` is the previous page's continue token. */
  private async list(spec: KindSpec, from: string | undefined): Promise<KubernetesListObject<KubernetesObject>> {
    const page = { limit: LIST_PAGE, ...(from ? { _continue: from } : {}) };
    return (
      spec.plural === "namespaces"
        ? await this.core.listNamespace({
            ...(spec.labelSelector ? { labelSelector: spec.labelSelector } : {}),
            ...page,
          })
        : spec.namespace
          ? await this.custom.listNamespacedCustomObject({
              group: GROUP,
              version: VERSION,
              namespace: spec.namespace,
              plural: spec.plural,
              ...page,
            })
          : await this.custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural: spec.plural, ...page })
    ) as KubernetesListObject<KubernetesObject>;
  }

  async start(onSnapshot: (snapshot: Snapshot) => void): Promise<void> {
    this.onSnapshot = onSnapshot;
    const ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
    for (const k of this.kinds) void this.run(k);
    await ready;
  }

  /**
   * One list (when there is no resourceVersion to resume from) and one watch. We do not use
   * client-node's informer (ListWatch): its cache keeps every raw object for as long as it exists.
   */
  private async run(k: KindState): Promise<void> {
    if (this.stopped) return;
    const attempt = ++k.attempt;
    const current = () => !this.stopped && attempt === k.attempt;
    if (!k.resourceVersion && !(await this.listed(k, current))) return;
    let gone = false;
    let failure: unknown;
    let ended = false;
    let events = 0;
    const startedAt = Date.now();
    let controller: AbortController;
    try {
      controller = await this.watch.watch(
        this.path(k.spec),
        { resourceVersion: k.resourceVersion, allowWatchBookmarks: true, labelSelector: k.spec.labelSelector },
        (type: string, obj: KubernetesObject & { code?: number; message?: string }) => {
          if (!current() || !obj) return;
          if (type === "ERROR") {
            // The API server reports expired history (410 Gone) inside the stream, then ends it.
            if (obj?.code === 410) gone = true;
            else failure = new Error(obj?.message ?? `watch error ${obj?.code ?? ""}`);
            return;
          }
          events += 1;
          k.lastSuccess = Date.now();
          if (type === "ADDED" || type === "MODIFIED") this.store(k, this.key(k, obj), obj);
          else if (type === "DELETED") this.remove(k, this.key(k, obj));
          if (obj?.metadata?.resourceVersion) k.resourceVersion = obj.metadata.resourceVersion;
          if (type !== "BOOKMARK") this.markDirty();
        },
        (err: unknown) => {
          ended = true;
          if (!current()) return;
          k.abort = undefined;
          const status = err as { statusCode?: number; code?: number } | null;
          if (gone || status?.statusCode === 410 || status?.code === 410) {
            k.resourceVersion = "";
            void this.run(k);
          } else if (err || failure) this.failed(k, err ?? failure);
          else if (events === 0 && Date.now() - startedAt < SHORT_WATCH_MS) this.later(k, this.backoff(k));
          else void this.run(k);
        },
      );
    } catch (err) {
      // No current cluster in the kubeconfig: nothing was connected.
      if (current() && !ended) this.failed(k, err);
      return;
    }
    if (!current() || ended) {
      if (!ended) controller.abort();
      return;
    }
    // Connected: the API server is back.
    k.abort = controller;
    k.lastSuccess = Date.now();
    k.backoffMs = 500;
    delete k.lastError;
  }

  /**
   * Lists the kind page by page, in a frame of its own: the caller's frame stays suspended while
   * its watch connects, and must not keep a page alive meanwhile. False when the list failed.
   */
  private async listed(k: KindState, current: () => boolean): Promise<boolean> {
    try {
      const seen = new Set<string>();
      let from: string | undefined;
      let resourceVersion = "";
      do {
        const page = await this.list(k.spec, from);
        if (!current()) return false;
        for (const raw of page.items) {
          const key = this.key(k, raw);
          seen.add(key);
          this.store(k, key, raw);
        }
        // `continue` as the API server sends it; `_continue` once client-node has deserialized a core list.
        const meta = (page.metadata ?? {}) as { resourceVersion?: string; continue?: string; _continue?: string };
        from = meta._continue ?? meta.continue;
        resourceVersion = meta.resourceVersion ?? "";
      } while (from);
      this.afterList(k, seen, resourceVersion);
      return true;
    } catch (err) {
      if (current()) this.failed(k, err);
      return false;
    }
  }

  /** After a whole list: the objects it lacks are forgotten, and the watch resumes from its resourceVersion. */
  private afterList(k: KindState, seen: ReadonlySet<string>, resourceVersion: string): void {
    for (const key of k.objects.keys()) if (!seen.has(key)) this.remove(k, key);
    k.resourceVersion = resourceVersion;
    const first = !k.synced;
    k.synced = true;
    this.relisted = true;
    k.lastSuccess = Date.now();
    k.backoffMs = 500;
    delete k.lastError;
    if (first && this.kinds.every((s) => s.synced)) {
      this.rebuild();
      this.readyResolve?.();
      this.readyResolve = undefined;
    } else this.markDirty();
  }

  private backoff(k: KindState): number {
    const max = this.options.maxBackoffMs ?? 30_000;
    const delay = Math.min(max, k.backoffMs) * (0.5 + Math.random());
    k.backoffMs = Math.min(max, k.backoffMs * 2);
    return delay;
  }

  private later(k: KindState, delay: number): void {
    k.timer = setTimeout(() => void this.run(k), delay);
    k.timer.unref?.();
  }

  private failed(k: KindState, err: unknown): void {
    k.lastError = String((err as Error)?.message ?? err);
    k.restarts += 1;
    this.options.onRestart?.(k.spec.plural);
    const delay = this.backoff(k);
    this.options.logger.warn("watch failed; restarting", {
      kind: k.spec.plural,
      namespace: k.spec.namespace,
      err: k.lastError,
      retryInMs: Math.round(delay),
    });
    this.later(k, delay);
  }

  private markDirty(): void {
    if (!this.kinds.every((k) => k.synced)) return; // the first snapshot waits for a full sync
    const debounce = this.options.debounceMs ?? 150;
    const now = Date.now();
    if (!this.rebuildTimer) this.firstDirtyAt = now;
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    // Coalesce bursts, but never hold a change back for long.
    const wait = Math.max(0, Math.min(debounce, this.firstDirtyAt + MAX_CHANGE_DELAY_MS - now));
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = undefined;
      this.rebuild();
    }, wait);
    this.rebuildTimer.unref?.();
  }

  private key(k: KindState, raw: KubernetesObject): string {
    return `${k.spec.kind}/${raw.metadata?.namespace ?? ""}/${raw.metadata?.name ?? ""}`;
  }

  /** Remembers the object in the last snapshot the first time a key changes after it. */
  private touch(k: KindState, key: string, old: RegistryObject | undefined): void {
    if (!this.dirty.has(key) && this.dirty.size <= MAX_PATCHED) this.dirty.set(key, { k, old });
  }

  /** Parses a listed or watched object, unless its resourceVersion is the one already parsed. */
  private store(k: KindState, key: string, raw: KubernetesObject): void {
    const rv = raw.metadata?.resourceVersion ?? "";
    const entry = k.objects.get(key);
    if (entry && entry.rv === rv && rv !== "") return;
    this.touch(k, key, entry?.object);
    if (entry) this.forgetReadme(entry.object);
    dropUnreadFields(raw);
    // List items of core kinds carry no apiVersion/kind; the list+watch knows which it watches.
    const result = parseRegistryObject({ ...raw, apiVersion: k.spec.apiVersion, kind: k.spec.kind }, "kubernetes");
    for (const w of result.warnings) this.options.logger.warn("manifest problem", { ...w });
    k.objects.set(key, result.object ? { rv, object: result.object } : { rv });
    if (result.warnings.length > 0) this.warned.set(key, result.warnings);
    else this.warned.delete(key);
  }

  private remove(k: KindState, key: string): void {
    const entry = k.objects.get(key);
    if (!entry) return;
    this.touch(k, key, entry.object);
    this.forgetReadme(entry.object);
    k.objects.delete(key);
    this.warned.delete(key);
  }

  private errors(): SourceError[] {
    return this.kinds
      .filter((k) => k.lastError)
      .map((k) => ({
        file: k.spec.namespace ? `${k.spec.namespace}/${k.spec.plural}` : k.spec.plural,
        message: k.lastError!,
      }));
  }

  /**
   * The next snapshot: after watch events, the last one patched with the objects they name (a
   * status change must not cost a pass over every object); after a list, or when events came by
   * the thousand, one composed from every object.
   */
  private rebuild(): void {
    const snapshot =
      this.last && !this.relisted && this.dirty.size <= MAX_PATCHED ? this.patched(this.last) : this.composed();
    this.dirty.clear();
    this.relisted = false;
    this.last = snapshot;
    this.onSnapshot?.(snapshot);
  }

  private patched(last: Snapshot): Snapshot {
    const replace = new Map<RegistryObject, RegistryObject>();
    const add: RegistryObject[] = [];
    const remove = new Set<RegistryObject>();
    for (const [key, { k, old }] of this.dirty) {
      const now = k.objects.get(key)?.object;
      if (old === now) continue;
      if (old && now) replace.set(old, now);
      else if (now) add.push(now);
      else if (old) remove.add(old);
    }
    const warnings = [...this.warned.values()].flat();
    return patchSnapshot(last, { replace, add, remove, errors: this.errors(), warnings });
  }

  private composed(): Snapshot {
    const objects: { object: RegistryObject; origin: string }[] = [];
    for (const k of this.kinds)
      for (const entry of k.objects.values())
        if (entry.object) objects.push({ object: entry.object, origin: "kubernetes" });
    const warnings = [...this.warned.values()].flat();
    return composeSnapshot({ objects, errors: this.errors(), warnings });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    for (const k of this.kinds) {
      if (k.timer) clearTimeout(k.timer);
      k.abort?.abort();
      k.abort = undefined;
    }
  }

  /** Readiness stays true during an outage; details say how long each kind has been quiet. */
  diagnostics(): Record<string, unknown> {
    const now = Date.now();
    return {
      kinds: this.kinds.map((k) => ({
        kind: k.spec.plural,
        ...(k.spec.namespace ? { namespace: k.spec.namespace } : {}),
        synced: k.synced,
        secondsSinceLastSuccess: k.lastSuccess ? Math.round((now - k.lastSuccess) / 1000) : null,
        restarts: k.restarts,
        ...(k.lastError ? { lastError: k.lastError } : {}),
      })),
    };
  }

  private readonly readmes = new Map<string, { at: number; data: Promise<Record<string, string> | undefined> }>();

  /** When a Version changes, its README may have too: drop the cached ConfigMap. */
  private forgetReadme(previous: RegistryObject | undefined): void {
    if (previous?.kind !== "Version" || !previous.status.readmeConfigMapRef) return;
    this.readmes.delete(`${previous.metadata.namespace}/${previous.status.readmeConfigMapRef.name}`);
  }

  /** A README ConfigMap value, fetched on demand and cached for a minute. */
  async readConfigMap(namespace: string, name: string, key: string): Promise<string | undefined> {
    const cacheKey = `${namespace}/${name}`;
    const hit = this.readmes.get(cacheKey);
    if (hit && Date.now() - hit.at < README_TTL_MS) return ownValue(await hit.data, key);
    const data = this.core
      .readNamespacedConfigMap({ name, namespace })
      .then((cm) => cm.data ?? {})
      .catch((err: unknown) => {
        this.options.logger.debug("README ConfigMap not readable", { namespace, name, err: String(err) });
        this.readmes.delete(cacheKey);
        return undefined;
      });
    if (this.readmes.size > 5000) this.readmes.clear();
    this.readmes.set(cacheKey, { at: Date.now(), data });
    return ownValue(await data, key);
  }
}
