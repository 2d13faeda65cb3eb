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
import { composeSnapshot, type Snapshot, type SourceError } from "../snapshot";
import { API_GROUP_VERSION, PUBLIC_LABEL, type RegistryObject } from "../types";
import type { RegistrySource } from "./types";

const GROUP = "opendepot.defdev.io";
const README_TTL_MS = 60_000;
const VERSION = "v1alpha1";

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
  /** Bursts of events are coalesced into one rebuild after this quiet period (≤ 1 s in total). */
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
    const scopes: (string | undefined)[] = options.namespaces.length > 0 ? [...options.namespaces] : [undefined];
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
    const touched = (raw?: KubernetesObject) => {
      // The informer hands over the object it has just cached.
      if (raw) dropUnreadFields(raw);
      k.lastSuccess = Date.now();
      this.markDirty();
    };
    informer.on("add", touched);
    informer.on("update", touched);
    informer.on("delete", () => touched());
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
    // Coalesce bursts, but never hold a change back for more than a second.
    const wait = Math.max(0, Math.min(debounce, this.firstDirtyAt + 1000 - now));
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = undefined;
      this.rebuild();
    }, wait);
    this.rebuildTimer.unref?.();
  }

  /** Builds a snapshot from the informers' caches; objects are re-parsed only when their resourceVersion changed. */
  private rebuild(): void {
    const objects: { object: RegistryObject; origin: string }[] = [];
    const warnings: SchemaWarning[] = [];
    const seen = new Set<string>();
    for (const k of this.kinds) {
      for (const raw of k.informer?.list() ?? []) {
        const meta = raw.metadata ?? {};
        const key = `${k.spec.kind}/${meta.namespace ?? ""}/${meta.name ?? ""}`;
        seen.add(key);
        const rv = meta.resourceVersion ?? "";
        let entry = this.parsed.get(key);
        if (!entry || entry.rv !== rv || rv === "") {
          if (entry && k.spec.kind === "Version") this.forgetReadme(entry.result.object);
          // List items of core kinds carry no apiVersion/kind; the informer knows which it watches.
          const result = parseRegistryObject(
            { ...raw, apiVersion: k.spec.apiVersion, kind: k.spec.kind },
            "kubernetes",
          );
          for (const w of result.warnings) this.options.logger.warn("manifest problem", { ...w });
          entry = { rv, result };
          this.parsed.set(key, entry);
        }
        warnings.push(...entry.result.warnings);
        if (entry.result.object) objects.push({ object: entry.result.object, origin: "kubernetes" });
      }
    }
    for (const key of this.parsed.keys()) if (!seen.has(key)) this.parsed.delete(key);
    const errors: SourceError[] = this.kinds
      .filter((k) => k.lastError)
      .map((k) => ({
        file: k.spec.namespace ? `${k.spec.namespace}/${k.spec.plural}` : k.spec.plural,
        message: k.lastError!,
      }));
    this.onSnapshot?.(composeSnapshot({ objects, errors, warnings }));
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
