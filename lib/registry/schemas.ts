// The edge between raw manifests (YAML parsed with the failsafe schema, JSON, or objects from the
// Kubernetes API) and the trusted model in types.ts. Spec: docs/browse-api.md §2.
//
// Rules (docs/browse-api.md §2.1): unknown fields are dropped; a missing or mistyped *required* field skips the whole
// object; a mistyped *optional* field is treated as absent; a malformed array element is dropped.
// Every skip or drop becomes a warning naming kind, namespace/name, origin and field.

import { z } from "zod";
import { canonicalSeverity } from "./findings";
import { flat, intern, Interner } from "./intern";
import {
  API_GROUP_VERSION,
  type ConfigMap,
  type Depot,
  type Finding,
  type GroupBinding,
  type Module,
  type Namespace,
  type ObjectMeta,
  type OwnerReference,
  type Provider,
  type RegistryObject,
  type Scan,
  type StorageConfig,
  type Version,
} from "./types";
import { normalizeVersion } from "./version";
import { ExplorerError } from "../errors";

export interface SchemaWarning {
  readonly kind: string;
  /** `namespace/name` as far as known. */
  readonly object: string;
  readonly origin: string;
  readonly field: string;
  readonly message: string;
}

// Scalars arrive as strings from failsafe YAML and typed from JSON or the Kubernetes API.
const str = z.string();
const bool = z.union([
  z.boolean(),
  z
    .string()
    .regex(/^(true|false)$/i)
    .transform((v) => v.toLowerCase() === "true"),
]);
const int = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^[-+]?[0-9]+$/)
    .transform((v) => Number(v))
    .pipe(z.number().int().safe()),
]);
const nonNegInt = int.pipe(z.number().min(0));
const record = z.record(z.string(), z.unknown());

type Issue = { field: string; message: string };

/** Reads fields of one raw object, recording every problem with an optional field. */
class FieldReader {
  readonly issues: Issue[] = [];

  /** Value at `path` parsed by `schema`; absent (undefined/null) or mistyped ⇒ undefined. */
  opt<T>(root: unknown, path: string, schema: z.ZodType<T>): T | undefined {
    const value = at(root, path);
    if (value === undefined || value === null) return undefined;
    if (schema === (str as z.ZodType) && typeof value === "string") return flat(value) as T; // the common case, without zod's overhead
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    this.issues.push({ field: path, message: `wrong type (${describe(value)}); treated as absent` });
    return undefined;
  }

  /** Array of elements parsed by `read`; a malformed element is dropped alone. */
  list<T>(root: unknown, path: string, read: (el: unknown, field: string) => T | undefined): T[] | undefined {
    const value = at(root, path);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.issues.push({ field: path, message: `wrong type (${describe(value)}); treated as absent` });
      return undefined;
    }
    const out: T[] = [];
    value.forEach((el, i) => {
      const item = read(el, `${path}[${i}]`);
      if (item === undefined) this.issues.push({ field: `${path}[${i}]`, message: "malformed element dropped" });
      else out.push(item);
    });
    return out;
  }

  /** A string field whose value many objects share (a namespace, a platform, a sync message). */
  shared(root: unknown, path: string): string | undefined {
    const value = this.opt(root, path, str);
    return value === undefined ? undefined : intern(value);
  }

  strings(root: unknown, path: string): string[] {
    return this.list(root, path, (el) => (typeof el === "string" ? el : undefined)) ?? [];
  }

  /** A null-prototype object: its keys come from the manifest, so no key may reach Object.prototype. */
  stringMap(root: unknown, path: string): Record<string, string> {
    return nullPrototypeMap(this.entries(root, path));
  }

  /**
   * Labels: one frozen object per distinct set (every Version of a module carries the same), as
   * V8 keeps each null-prototype object as a hash table of its own (~200 bytes).
   */
  labels(root: unknown, path: string): Readonly<Record<string, string>> {
    const entries = this.entries(root, path);
    if (entries.length === 0) return NO_LABELS;
    return sharedLabels.get(JSON.stringify(entries), () =>
      Object.freeze(nullPrototypeMap(entries.map(([k, v]) => [intern(k), intern(v)]))),
    );
  }

  private entries(root: unknown, path: string): [string, string][] {
    const value = this.opt(root, path, record);
    if (!value) return [];
    // A non-string label value counts as absent (docs/browse-api.md §2.2), so the resource is not public.
    return Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string");
  }
}

function nullPrototypeMap(entries: readonly (readonly [string, string])[]): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const [k, v] of entries) out[k] = v; // own-key: a null-prototype object
  return out;
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze(nullPrototypeMap([]));
const NO_OWNERS: readonly OwnerReference[] = Object.freeze([]);
const sharedLabels = new Interner<Readonly<Record<string, string>>>(1 << 16);
/** Findings repeat across Versions (one CVE in every build of a module): stored once each. */
const sharedFindings = new Interner<Finding>(1 << 16);
const sharedFindingLists = new Interner<readonly Finding[]>(1 << 16);
/** Each shared finding's number, for the keys of the shared lists. */
const findingKeys = new WeakMap<Finding, number>();
let findingCount = 0;
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

// Paths are a few dozen constants; splitting each once matters at 100,000 objects.
const splitPaths = new Map<string, readonly string[]>();

function at(root: unknown, path: string): unknown {
  let keys = splitPaths.get(path);
  if (!keys) splitPaths.set(path, (keys = path.split(".")));
  let cur: unknown = root;
  for (const key of keys) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur) || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key]; // own-key: checked
  }
  return cur;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "array";
  return typeof value;
}

class RequiredFieldError extends ExplorerError<"ERR_REQUIRED_FIELD"> {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super("ERR_REQUIRED_FIELD", message);
  }
}

function required<T>(root: unknown, path: string, schema: z.ZodType<T>): T {
  const value = at(root, path);
  if (value === undefined || value === null) throw new RequiredFieldError(path, "required field missing");
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RequiredFieldError(path, `required field has the wrong type (${describe(value)})`);
  return typeof parsed.data === "string" ? (flat(parsed.data) as T) : parsed.data;
}

const nonEmpty = z.string().min(1);

function readMeta(r: FieldReader, raw: unknown, namespaced: boolean): ObjectMeta {
  const name = required(raw, "metadata.name", nonEmpty);
  const namespace = namespaced ? intern(required(raw, "metadata.namespace", nonEmpty)) : "";
  const owners = r.list<OwnerReference>(raw, "metadata.ownerReferences", (el) => {
    const kind = at(el, "kind");
    const refName = at(el, "name");
    return typeof kind === "string" && typeof refName === "string"
      ? { kind: intern(kind), name: intern(refName) }
      : undefined;
  });
  const ownerReferences = owners && owners.length > 0 ? owners : NO_OWNERS;
  return { name, namespace, labels: r.labels(raw, "metadata.labels"), ownerReferences };
}

function readStorage(r: FieldReader, raw: unknown, path: string): StorageConfig | undefined {
  const cfg = r.opt(raw, path, record);
  if (!cfg) return undefined;
  const sub = (member: string) => r.opt(raw, `${path}.${member}`, record);
  const s = (member: string, field: string) => r.opt(raw, `${path}.${member}.${field}`, str) ?? "";
  const out: {
    s3?: StorageConfig["s3"];
    azureStorage?: StorageConfig["azureStorage"];
    gcs?: StorageConfig["gcs"];
    fileSystem?: StorageConfig["fileSystem"];
    presign?: StorageConfig["presign"];
  } = {};
  if (sub("s3")) {
    const key = r.opt(raw, `${path}.s3.key`, str);
    out.s3 = { bucket: s("s3", "bucket"), region: s("s3", "region"), ...(key !== undefined ? { key } : {}) };
  }
  if (sub("azureStorage")) {
    out.azureStorage = {
      accountName: s("azureStorage", "accountName"),
      accountUrl: s("azureStorage", "accountUrl"),
      subscriptionID: s("azureStorage", "subscriptionID"),
      resourceGroup: s("azureStorage", "resourceGroup"),
    };
  }
  if (sub("gcs")) out.gcs = { bucket: s("gcs", "bucket") };
  if (sub("fileSystem")) {
    const directoryPath = r.opt(raw, `${path}.fileSystem.directoryPath`, str);
    out.fileSystem = directoryPath !== undefined ? { directoryPath } : {};
  }
  if (sub("presign")) {
    const enabled = r.opt(raw, `${path}.presign.enabled`, bool);
    const ttl = r.opt(raw, `${path}.presign.ttl`, str);
    const fallbackToProxy = r.opt(raw, `${path}.presign.fallbackToProxy`, bool);
    out.presign = {
      ...(enabled !== undefined ? { enabled } : {}),
      ...(ttl !== undefined ? { ttl } : {}),
      ...(fallbackToProxy !== undefined ? { fallbackToProxy } : {}),
    };
  }
  return out;
}

function readFinding(el: unknown): Finding | undefined {
  if (el === null || typeof el !== "object" || Array.isArray(el)) return undefined;
  const s = (k: string) => {
    const v = (el as Record<string, unknown>)[k]; // own-key: k is one of the constant field names below
    return typeof v === "string" ? flat(v) : "";
  };
  const fields = [
    s("vulnerabilityID"),
    s("pkgName"),
    s("installedVersion"),
    s("fixedVersion"),
    canonicalSeverity(s("severity")),
    s("title"),
  ] as const;
  return sharedFindings.get(fields.join("\u0000"), () => {
    const finding = Object.freeze({
      vulnerabilityID: intern(fields[0]),
      pkgName: intern(fields[1]),
      installedVersion: intern(fields[2]),
      fixedVersion: intern(fields[3]),
      severity: fields[4],
      title: fields[5],
    });
    findingKeys.set(finding, ++findingCount);
    return finding;
  });
}

function readScan(r: FieldReader, raw: unknown, path: string): Scan | undefined {
  const scan = r.opt(raw, path, record);
  if (!scan) return undefined;
  return {
    scannedAt: r.shared(raw, `${path}.scannedAt`) ?? "",
    findings: sharedList(r.list(raw, `${path}.findings`, (el) => readFinding(el)) ?? []),
  };
}

/** Builds of one module often report the same findings: one frozen list per distinct list. */
function sharedList(findings: readonly Finding[]): readonly Finding[] {
  if (findings.length === 0) return NO_FINDINGS;
  const key = findings.map((f) => findingKeys.get(f)).join("\u0001");
  return sharedFindingLists.get(key, () => Object.freeze(findings));
}

function readResourceStatus(r: FieldReader, raw: unknown) {
  return {
    synced: r.opt(raw, "status.synced", bool) ?? false,
    syncStatus: r.shared(raw, "status.syncStatus") ?? "",
    latestVersion: r.opt(raw, "status.latestVersion", str) ?? "",
  };
}

function readGithub(r: FieldReader, raw: unknown, path: string) {
  if (!r.opt(raw, path, record)) return undefined;
  return { useAuthenticatedClient: r.opt(raw, `${path}.useAuthenticatedClient`, bool) ?? false };
}

function readModule(r: FieldReader, raw: unknown): Module {
  const metadata = readMeta(r, raw, true);
  required(raw, "spec.moduleConfig", record);
  const c = "spec.moduleConfig";
  const storageConfig = readStorage(r, raw, `${c}.storageConfig`);
  const versionHistoryLimit = r.opt(raw, `${c}.versionHistoryLimit`, int);
  const githubClientConfig = readGithub(r, raw, `${c}.githubClientConfig`);
  return {
    kind: "Module",
    metadata,
    config: {
      name: r.opt(raw, `${c}.name`, str) ?? "",
      provider: r.opt(raw, `${c}.provider`, str) ?? "",
      repoUrl: r.opt(raw, `${c}.repoUrl`, str) ?? "",
      repoOwner: r.opt(raw, `${c}.repoOwner`, str) ?? "",
      ...(storageConfig ? { storageConfig } : {}),
      ...(versionHistoryLimit !== undefined ? { versionHistoryLimit } : {}),
      versionConstraints: r.opt(raw, `${c}.versionConstraints`, str) ?? "",
      ...(githubClientConfig ? { githubClientConfig } : {}),
    },
    status: readResourceStatus(r, raw),
  };
}

function readProvider(r: FieldReader, raw: unknown): Provider {
  const metadata = readMeta(r, raw, true);
  required(raw, "spec.providerConfig", record);
  const c = "spec.providerConfig";
  const storageConfig = readStorage(r, raw, `${c}.storageConfig`);
  const versionHistoryLimit = r.opt(raw, `${c}.versionHistoryLimit`, int);
  const githubClientConfig = readGithub(r, raw, `${c}.githubClientConfig`);
  return {
    kind: "Provider",
    metadata,
    config: {
      name: r.opt(raw, `${c}.name`, str) ?? "",
      namespace: r.opt(raw, `${c}.namespace`, str) ?? "",
      sourceRepository: r.opt(raw, `${c}.sourceRepository`, str) ?? "",
      ...(storageConfig ? { storageConfig } : {}),
      ...(versionHistoryLimit !== undefined ? { versionHistoryLimit } : {}),
      versionConstraints: r.opt(raw, `${c}.versionConstraints`, str) ?? "",
      ...(githubClientConfig ? { githubClientConfig } : {}),
    },
    status: {
      ...readResourceStatus(r, raw),
      resolvedSourceRepository: r.opt(raw, "status.resolvedSourceRepository", str) ?? "",
    },
  };
}

const versionType = z
  .string()
  .regex(/^(module|provider)$/i)
  .transform((v) => (v.toLowerCase() === "module" ? ("Module" as const) : ("Provider" as const)));

const versionText = z.string().refine((v) => normalizeVersion(v) !== "", "empty version");

function readVersion(r: FieldReader, raw: unknown): Version {
  const metadata = readMeta(r, raw, true);
  const version = required(raw, "spec.version", versionText);
  const type = r.opt(raw, "spec.type", versionType);
  const archiveSizeBytes = r.opt(raw, "status.archiveSizeBytes", nonNegInt);
  const sourceScan = readScan(r, raw, "status.sourceScan");
  const binaryScan = readScan(r, raw, "status.binaryScan");
  const refName = r.opt(raw, "status.readmeConfigMapRef.name", str);
  const readmeRef = r.opt(raw, "status.readmeConfigMapRef", record)
    ? { name: refName ?? "", key: r.opt(raw, "status.readmeConfigMapRef.key", str) ?? "" }
    : undefined;
  // Every key in a fixed order, absent ones undefined: V8 then shares one hidden class among all
  // Versions; optional keys spread in gave each spec its own (~300 bytes apiece at 100,000).
  return {
    kind: "Version",
    metadata,
    spec: {
      type,
      version: intern(version),
      fileName: r.opt(raw, "spec.fileName", str) ?? "",
      operatingSystem: r.shared(raw, "spec.operatingSystem") ?? "",
      architecture: r.shared(raw, "spec.architecture") ?? "",
      moduleConfigRefName: r.shared(raw, "spec.moduleConfigRef.name") ?? "",
      providerConfigRefName: r.shared(raw, "spec.providerConfigRef.name") ?? "",
    },
    status: {
      synced: r.opt(raw, "status.synced", bool) ?? false,
      syncStatus: r.shared(raw, "status.syncStatus") ?? "",
      checksum: r.opt(raw, "status.checksum", str) ?? "",
      archiveSizeBytes,
      sourceScan,
      binaryScan,
      readmeConfigMapRef: readmeRef,
    },
  };
}

function readDepot(r: FieldReader, raw: unknown): Depot {
  const metadata = readMeta(r, raw, true);
  const storageConfig = readStorage(r, raw, "spec.global.storageConfig");
  const pollingIntervalMinutes = r.opt(raw, "spec.pollingIntervalMinutes", int);
  return {
    kind: "Depot",
    metadata,
    ...(storageConfig ? { storageConfig } : {}),
    ...(pollingIntervalMinutes !== undefined ? { pollingIntervalMinutes } : {}),
    modules: r.strings(raw, "status.modules"),
    providers: r.strings(raw, "status.providers"),
  };
}

function readGroupBinding(r: FieldReader, raw: unknown): GroupBinding {
  const metadata = readMeta(r, raw, true);
  return {
    kind: "GroupBinding",
    metadata,
    expression: required(raw, "spec.expression", nonEmpty),
    moduleResources: r.strings(raw, "spec.moduleResources"),
    providerResources: r.strings(raw, "spec.providerResources"),
  };
}

function readNamespace(r: FieldReader, raw: unknown): Namespace {
  const meta = readMeta(r, raw, false);
  return { kind: "Namespace", name: meta.name, labels: meta.labels };
}

function readConfigMap(r: FieldReader, raw: unknown): ConfigMap {
  return { kind: "ConfigMap", metadata: readMeta(r, raw, true), data: r.stringMap(raw, "data") };
}

const readers = {
  Module: readModule,
  Provider: readProvider,
  Version: readVersion,
  Depot: readDepot,
  GroupBinding: readGroupBinding,
  Namespace: readNamespace,
  ConfigMap: readConfigMap,
} satisfies Record<RegistryObject["kind"], (r: FieldReader, raw: unknown) => RegistryObject>;

/** The reader for an object's apiVersion and kind, or undefined for kinds the explorer ignores. */
function readerFor(raw: unknown): ((r: FieldReader, raw: unknown) => RegistryObject) | undefined {
  const apiVersion = at(raw, "apiVersion");
  const kind = at(raw, "kind");
  if (apiVersion === API_GROUP_VERSION) {
    if (kind === "Module" || kind === "Provider" || kind === "Version" || kind === "Depot" || kind === "GroupBinding")
      return readers[kind];
  }
  if (apiVersion === "v1" && (kind === "Namespace" || kind === "ConfigMap")) return readers[kind];
  return undefined;
}

export interface ParseResult {
  /** The object, or undefined when it was skipped or is of a kind the explorer ignores. */
  readonly object?: RegistryObject;
  readonly warnings: readonly SchemaWarning[];
}

/** Converts one raw object into the model. `origin` is a file path with document index, or `kubernetes`. */
export function parseRegistryObject(raw: unknown, origin: string): ParseResult {
  const read = readerFor(raw);
  if (!read) return { warnings: [] };
  const kind = String(at(raw, "kind"));
  const ns = at(raw, "metadata.namespace");
  const name = at(raw, "metadata.name");
  const object = [typeof ns === "string" ? ns : "", typeof name === "string" ? name : "?"].filter(Boolean).join("/");
  const r = new FieldReader();
  try {
    const parsed = read(r, raw);
    return { object: parsed, warnings: r.issues.map((i) => ({ kind, object, origin, ...i })) };
  } catch (err) {
    if (!(err instanceof RequiredFieldError)) throw err;
    return {
      warnings: [{ kind, object, origin, field: err.field, message: `${err.message}; object skipped` }],
    };
  }
}

/** True for `kind: List` (what `kubectl get … -o yaml` prints); its `items` are read as objects. */
export function listItems(raw: unknown): unknown[] | undefined {
  if (at(raw, "kind") !== "List" && !(typeof at(raw, "kind") === "string" && String(at(raw, "kind")).endsWith("List")))
    return undefined;
  const items = at(raw, "items");
  return Array.isArray(items) ? items : [];
}
