// The registry from a Kubernetes cluster: list+watch informers (client-node) per resource kind,
// coalesced into immutable snapshots. client-node's informer does not restart after an error and
// its start() resolves even when the first list failed, so restarts (jittered backoff) and
// readiness (first successful list of every kind) are handled here. While the API server is away,
// the last snapshot keeps serving.

import { ownValue } from "../../own";
import {
  CoreV1Api,
  CustomObjectsApi,
  makeInformer,
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
/** More changed objects than this between two snapshots: read every cache instead of patching. */
const MAX_PATCHED = 2000;

/**
 * Drops what the explorer never reads from an object the informer keeps (in place, before it is
 * cached): managedFields and annotations (kubectl's last-applied-configuration repeats the whole
 * object) are often larger than everything the schemas read, and the informer holds every object
 * for as long as it exists.
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

interface KindState {
  readonly spec: KindSpec;
  informer?: ReturnType<typeof makeInformer<KubernetesObject>>;
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
  /** Called on every informer restart (metrics). */
  readonly onRestart?: (kind: string) => void;
}

export class KubernetesSource implements RegistrySource {
  readonly kind = "kubernetes" as const;
  private readonly kinds: KindState[] = [];
  private readonly parsed = new Map<
    string,
    { rv: string; result: { object?: RegistryObject; warnings: readonly SchemaWarning[] } }
  >();
  /** Warnings of the parsed objects that have any, by key. */
  private readonly warned = new Map<string, readonly SchemaWarning[]>();
  /** Objects changed by watch events since the last snapshot: key → the informer that reported it. */
  private readonly dirty = new Map<string, KindState>();
  /** Set when a list (start or restart) replaced an informer's cache: the next snapshot reads every cache. */
  private relisted = true;
  private last: Snapshot | undefined;
  private onSnapshot: ((s: Snapshot) => void) | undefined;
  private rebuildTimer: NodeJS.Timeout | undefined;
  private firstDirtyAt = 0;
  private stopped = false;
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;
  private readyResolve: (() => void) | undefined;

  constructor(private readonly options: KubernetesSourceOptions) {
    this.core = options.kubeConfig.makeApiClient(CoreV1Api);
    this.custom = options.kubeConfig.makeApiClient(CustomObjectsApi);
    // Deduplicated: one informer per namespace keeps every key reported by one informer only.
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
    return { spec, synced: false, restarts: 0, backoffMs: 500 };
  }

  private path(spec: KindSpec): string {
    if (spec.plural === "namespaces") return "/api/v1/namespaces";
    return spec.namespace
      ? `/apis/${GROUP}/${VERSION}/namespaces/${spec.namespace}/${spec.plural}`
      : `/apis/${GROUP}/${VERSION}/${spec.plural}`;
  }

  private async list(k: KindState): Promise<KubernetesListObject<KubernetesObject>> {
    const { spec } = k;
    const list = (
      spec.plural === "namespaces"
        ? await this.core.listNamespace(spec.labelSelector ? { labelSelector: spec.labelSelector } : {})
        : spec.namespace
          ? await this.custom.listNamespacedCustomObject({
              group: GROUP,
              version: VERSION,
              namespace: spec.namespace,
              plural: spec.plural,
            })
          : await this.custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural: spec.plural })
    ) as KubernetesListObject<KubernetesObject>;
    list.items.forEach(dropUnreadFields);
    const first = !k.synced;
    k.synced = true;
    this.relisted = true;
    k.lastSuccess = Date.now();
    k.backoffMs = 500;
    delete k.lastError;
    this.markDirty();
    if (first) this.checkReady();
    return list;
  }

  async start(onSnapshot: (snapshot: Snapshot) => void): Promise<void> {
    this.onSnapshot = onSnapshot;
    const ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
    for (const k of this.kinds) this.startInformer(k);
    await ready;
  }

  private startInformer(k: KindState): void {
    if (this.stopped) return;
    const informer = makeInformer<KubernetesObject>(
      this.options.kubeConfig,
      this.path(k.spec),
      () => this.list(k),
      k.spec.labelSelector,
    );
    k.informer = informer;
    const touched = (obj: KubernetesObject) => {
      // The informer hands over the object it has just cached.
      dropUnreadFields(obj);
      k.lastSuccess = Date.now();
      if (this.dirty.size <= MAX_PATCHED) this.dirty.set(this.key(k, obj), k);
      this.markDirty();
    };
    informer.on("add", touched);
    informer.on("update", touched);
    informer.on("delete", touched);
    informer.on("error", (err: unknown) => {
      k.lastError = String((err as Error)?.message ?? err);
      k.restarts += 1;
      this.options.onRestart?.(k.spec.plural);
      // Jittered exponential backoff; the informer itself never restarts after an error.
      const delay = Math.min(this.options.maxBackoffMs ?? 30_000, k.backoffMs) * (0.5 + Math.random());
      k.backoffMs = Math.min(this.options.maxBackoffMs ?? 30_000, k.backoffMs * 2);
      this.options.logger.warn("watch failed; restarting", {
        kind: k.spec.plural,
        namespace: k.spec.namespace,
        err: k.lastError,
        retryInMs: Math.round(delay),
      });
      k.timer = setTimeout(() => {
        void informer.stop().finally(() => this.startInformer(k));
      }, delay);
      k.timer.unref?.();
    });
    informer
      .start()
      .catch((err: unknown) =>
        this.options.logger.warn("informer start failed", { kind: k.spec.plural, err: String(err) }),
      );
  }

  private checkReady(): void {
    if (!this.kinds.every((k) => k.synced)) return;
    // After the informer has stored the list it is returning (it does so right after this call).
    setTimeout(() => {
      this.rebuild();
      this.readyResolve?.();
      this.readyResolve = undefined;
    }, 0);
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

  /** The parsed object of a cached item; parsed again only when its resourceVersion changed. */
  private parse(k: KindState, key: string, raw: KubernetesObject): RegistryObject | undefined {
    const rv = raw.metadata?.resourceVersion ?? "";
    let entry = this.parsed.get(key);
    if (!entry || entry.rv !== rv || rv === "") {
      if (entry && k.spec.kind === "Version") this.forgetReadme(entry.result.object);
      // List items of core kinds carry no apiVersion/kind; the informer knows which it watches.
      const result = parseRegistryObject({ ...raw, apiVersion: k.spec.apiVersion, kind: k.spec.kind }, "kubernetes");
      for (const w of result.warnings) this.options.logger.warn("manifest problem", { ...w });
      entry = { rv, result };
      this.parsed.set(key, entry);
      if (result.warnings.length > 0) this.warned.set(key, result.warnings);
      else this.warned.delete(key);
    }
    return entry.result.object;
  }

  private forget(key: string): void {
    const entry = this.parsed.get(key);
    if (entry?.result.object?.kind === "Version") this.forgetReadme(entry.result.object);
    this.parsed.delete(key);
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
   * status change must not cost a pass over every cached object); after a list, or when events
   * came by the thousand, one built from every informer's cache.
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
    for (const [key, k] of this.dirty) {
      const old = this.parsed.get(key)?.result.object;
      const [, namespace, name] = key.split("/");
      const raw = k.informer?.get(name!, namespace || undefined);
      const now = raw ? this.parse(k, key, raw) : undefined;
      if (!raw) this.forget(key);
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
    const seen = new Set<string>();
    for (const k of this.kinds) {
      for (const raw of k.informer?.list() ?? []) {
        const key = this.key(k, raw);
        seen.add(key);
        const object = this.parse(k, key, raw);
        if (object) objects.push({ object, origin: "kubernetes" });
      }
    }
    for (const key of this.parsed.keys()) if (!seen.has(key)) this.forget(key);
    const warnings = [...this.warned.values()].flat();
    return composeSnapshot({ objects, errors: this.errors(), warnings });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    for (const k of this.kinds) {
      if (k.timer) clearTimeout(k.timer);
      await k.informer?.stop();
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
