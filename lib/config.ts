// Configuration from the environment, validated once at server start (docs/auth.md §2). Pure: the
// caller passes the environment in. Every problem is one line naming the variable, what is wrong
// and an example of a valid value.

import { statSync } from "node:fs";
import path from "node:path";
import type { LogLevel } from "./log";
import { ExplorerError } from "./errors";
import { processShared } from "./process-shared";

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly uiClientId: string;
  readonly clientSecret?: string;
  readonly scopes: string;
  readonly groupsClaim: string;
  readonly allowClientCredentials: boolean;
  readonly clientCredentialsClients: readonly string[];
  /** OIDC_MAX_GROUPS: a token with more groups gets the public view (fail closed). */
  readonly maxGroups: number;
}

/** What a caller without a credential may see (AUTH_ANONYMOUS): public resources, everything, or nothing. */
export type AnonymousAccess = "public" | "all" | "none";

export interface Config {
  readonly registrySource: "file" | "kubernetes";
  readonly registryPath: string;
  /** REGISTRY_MAX_FILE_BYTES: larger registry files are reported and not read. */
  readonly registryMaxFileBytes: number;
  /** REGISTRY_MAX_YAML_ALIASES: the YAML alias budget of one anchor (uses × nested aliases). */
  readonly registryMaxYamlAliases: number;
  /** Memory for rendered pages replayed to requests that would render the same page (0 turns it off); unset: sized from the heap. */
  readonly pageCacheBytes?: number;
  /** WATCH_NAMESPACES (kubernetes source); empty = all namespaces. */
  readonly watchNamespaces: readonly string[];
  readonly valkey?: { readonly url: string; readonly password?: string; readonly refreshMs: number };
  readonly authAnonymous: AnonymousAccess;
  readonly oidc?: OidcConfig;
  /** Browser sessions: present when OIDC or the dev token input is enabled. */
  readonly session?: { readonly password: string };
  readonly devTokenInputEnabled: boolean;
  /** PUBLIC_BASE_URL when set (also without sessions: the host in usage snippets). */
  readonly publicBaseUrl?: URL;
  /** Problems that do not stop the server but deserve a line at start. */
  readonly warnings: readonly string[];
  readonly opendepotNamespace: string;
  readonly diagnosticsToken?: string;
  readonly logLevel: LogLevel;
  /** KUBERNETES_SERVICE_HOST is set: the Kubernetes source uses the pod's service account. */
  readonly inCluster: boolean;
  /** NODE_ENV=development (`next dev`): the CSP allows eval for React's dev tools. */
  readonly development: boolean;
  /** Module archives (issue 15): where they are read from and the limits on one archive. */
  readonly archives: ArchiveConfig;
}

export interface ArchiveConfig {
  /** ARCHIVE_ROOT: file-system reads for modules stored on `fileSystem`; unset = none. */
  readonly root?: string;
  /** OPENDEPOT_SERVER_URL: OpenDepot's registry download protocol. */
  readonly serverUrl?: URL;
  readonly tokenFile?: string;
  readonly clientCredentials?: { readonly clientId: string; readonly clientSecret: string; readonly issuer: string };
  readonly maxArchiveBytes: number;
  readonly maxUnpackedBytes: number;
  readonly maxEntries: number;
  readonly maxFileBytes: number;
  readonly parseTimeoutMs: number;
  readonly cacheBytes: number;
}

export class ConfigError extends ExplorerError<"ERR_CONFIG"> {
  constructor(
    readonly variable: string,
    problem: string,
    example: string,
  ) {
    super("ERR_CONFIG", `invalid configuration: ${variable} ${problem} (example: ${variable}=${example})`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function value(env: Env, name: string): string | undefined {
  const v = env[name]; // own-key: names are constants of this file
  return v === undefined || v === "" ? undefined : v;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], def: T): T {
  const v = value(env, name);
  if (v === undefined) return def;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new ConfigError(name, `must be one of ${allowed.join(", ")}, got ${JSON.stringify(v)}`, def);
}

function bool(env: Env, name: string, def: boolean): boolean {
  return oneOf(env, name, ["true", "false"] as const, def ? "true" : "false") === "true";
}

/** A whole number in [min, max]; `units` maps accepted suffixes (e.g. MiB) to multipliers. */
function int(
  env: Env,
  name: string,
  def: number,
  min: number,
  max: number,
  example: string,
  units: ReadonlyMap<string, number> = new Map(),
): number {
  const v = value(env, name);
  if (v === undefined) return def;
  const m = /^(\d+)([A-Za-z]*)$/.exec(v.trim());
  const unit = m ? (m[2] === "" ? 1 : units.get(m[2]!)) : undefined;
  const n = m && unit !== undefined ? Number(m[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const suffixes = units.size > 0 ? ` (suffixes: ${[...units.keys()].join(", ")})` : "";
    throw new ConfigError(
      name,
      `must be a whole number from ${min} to ${max}${suffixes}, got ${JSON.stringify(v)}`,
      example,
    );
  }
  return n;
}

const BYTE_UNITS: ReadonlyMap<string, number> = new Map([
  ["KiB", 1024],
  ["MiB", 1024 ** 2],
  ["GiB", 1024 ** 3],
]);

/** `defaultRegistryPath` is the bundled demo folder. */
export function parseConfig(env: Env, defaultRegistryPath: string): Config {
  const registrySource = oneOf(env, "REGISTRY_SOURCE", ["file", "kubernetes"] as const, "file");
  const registryPath = path.resolve(value(env, "REGISTRY_PATH") ?? defaultRegistryPath);
  if (registrySource === "file" && !isDirectory(registryPath)) {
    throw new ConfigError("REGISTRY_PATH", `is not a readable directory: ${registryPath}`, "/data/registry");
  }

  const registryMaxFileBytes = int(env, "REGISTRY_MAX_FILE_BYTES", 8 * 1024 ** 2, 1024, 1024 ** 3, "16MiB", BYTE_UNITS);
  const registryMaxYamlAliases = int(env, "REGISTRY_MAX_YAML_ALIASES", 10_000, 0, 1_000_000, "10000");
  const pageCacheBytes =
    value(env, "PAGE_CACHE_BYTES") === undefined
      ? undefined
      : int(env, "PAGE_CACHE_BYTES", 0, 0, 1024 ** 3, "16MiB", BYTE_UNITS);
  const oidc = parseOidc(env);
  const warnings: string[] = [];

  // ANONYMOUS_AUTH=true is upstream's name for AUTH_ANONYMOUS=all.
  const alias = bool(env, "ANONYMOUS_AUTH", false);
  const explicit = value(env, "AUTH_ANONYMOUS");
  const authAnonymous = oneOf(
    env,
    "AUTH_ANONYMOUS",
    ["public", "all", "none"] as const,
    alias ? "all" : oidc ? "none" : "public",
  );
  if (explicit !== undefined && value(env, "ANONYMOUS_AUTH") !== undefined && (authAnonymous === "all") !== alias) {
    throw new ConfigError(
      "AUTH_ANONYMOUS",
      `disagrees with ANONYMOUS_AUTH=${alias}; set only one of them`,
      alias ? "all" : "public",
    );
  }
  if (authAnonymous === "none" && !oidc) {
    throw new ConfigError("AUTH_ANONYMOUS", "cannot be none without OIDC_ISSUER_URL (nobody could sign in)", "public");
  }
  if (authAnonymous === "all" && oidc) {
    warnings.push("AUTH_ANONYMOUS=all with OIDC: everyone sees everything; signing in changes nothing");
  }

  const devTokenInputEnabled = bool(env, "DEV_TOKEN_INPUT_ENABLED", false);
  const publicBaseUrl = parseBaseUrl(env);
  let session: Config["session"];
  if (oidc || devTokenInputEnabled) {
    const why = oidc ? "when OIDC_ISSUER_URL is set" : "when DEV_TOKEN_INPUT_ENABLED=true";
    const password = value(env, "SESSION_PASSWORD");
    if (password === undefined || password.length < 32) {
      throw new ConfigError("SESSION_PASSWORD", `must be at least 32 characters ${why}`, "$(openssl rand -base64 32)");
    }
    if (!publicBaseUrl) throw new ConfigError("PUBLIC_BASE_URL", `is required ${why}`, "https://opendepot.example.com");
    session = { password };
  }

  const opendepotNamespace = value(env, "OPENDEPOT_NAMESPACE") ?? "opendepot-system";
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(opendepotNamespace)) {
    throw new ConfigError("OPENDEPOT_NAMESPACE", "must be a Kubernetes namespace name", "opendepot-system");
  }
  const diagnosticsToken = value(env, "DIAGNOSTICS_TOKEN");
  if (diagnosticsToken !== undefined && diagnosticsToken.length < 16) {
    throw new ConfigError("DIAGNOSTICS_TOKEN", "must be at least 16 characters", "$(openssl rand -hex 24)");
  }
  const logLevel = oneOf(env, "LOG_LEVEL", ["debug", "info", "warn", "error"] as const, "info");
  const watchNamespaces = (value(env, "WATCH_NAMESPACES") ?? "")
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "");
  for (const ns of watchNamespaces) {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns))
      throw new ConfigError(
        "WATCH_NAMESPACES",
        `holds an invalid namespace name ${JSON.stringify(ns)}`,
        "platform,team-a",
      );
  }
  const valkey = parseValkey(env);
  const archives = parseArchives(env, registrySource === "file" ? registryPath : undefined, oidc);
  return {
    registrySource,
    registryPath,
    registryMaxFileBytes,
    registryMaxYamlAliases,
    ...(pageCacheBytes !== undefined ? { pageCacheBytes } : {}),
    watchNamespaces,
    ...(valkey ? { valkey } : {}),
    authAnonymous,
    ...(oidc ? { oidc } : {}),
    ...(session ? { session } : {}),
    devTokenInputEnabled,
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
    warnings,
    opendepotNamespace,
    ...(diagnosticsToken !== undefined ? { diagnosticsToken } : {}),
    logLevel,
    inCluster: value(env, "KUBERNETES_SERVICE_HOST") !== undefined,
    development: value(env, "NODE_ENV") === "development",
    archives,
  };
}

/** What browser sessions need, when they are configured: the key and the app's public origin. */
export function sessionConfig(config: Config): { readonly password: string; readonly publicBaseUrl: URL } | undefined {
  // parseConfig requires PUBLIC_BASE_URL whenever sessions are configured.
  return config.session && config.publicBaseUrl
    ? { password: config.session.password, publicBaseUrl: config.publicBaseUrl }
    : undefined;
}

/**
 * The process's configuration, parsed from its environment once: the only place that reads
 * process.env (the server runtime and proxy.ts both use it). Throws ConfigError.
 */
export function loadConfig(defaultRegistryPath: string = path.join(process.cwd(), "demo", "registry")): Config {
  return processShared("config", () => parseConfig(process.env, defaultRegistryPath));
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** localhost, 127.0.0.0/8 or ::1: the only hosts where plain http is allowed for OIDC. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

function parseOidc(env: Env): OidcConfig | undefined {
  const issuer = value(env, "OIDC_ISSUER_URL");
  if (issuer === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError("OIDC_ISSUER_URL", `is not a URL: ${JSON.stringify(issuer)}`, "https://dex.example.com/dex");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    throw new ConfigError(
      "OIDC_ISSUER_URL",
      "must use https:// (plain http is allowed only for loopback hosts)",
      "https://dex.example.com/dex",
    );
  }
  const clientId = value(env, "OIDC_CLIENT_ID");
  if (clientId === undefined)
    throw new ConfigError("OIDC_CLIENT_ID", "is required when OIDC_ISSUER_URL is set", "opendepot");
  const allowClientCredentials = bool(env, "OIDC_ALLOW_CLIENT_CREDENTIALS", false);
  const clients = (value(env, "OIDC_CLIENT_CREDENTIALS_CLIENTS") ?? "")
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "");
  if (allowClientCredentials && clients.length === 0) {
    throw new ConfigError(
      "OIDC_CLIENT_CREDENTIALS_CLIENTS",
      "is required when OIDC_ALLOW_CLIENT_CREDENTIALS=true",
      "ci-pipeline,renovate",
    );
  }
  const clientSecret = value(env, "OIDC_CLIENT_SECRET");
  return {
    issuer,
    clientId,
    uiClientId: value(env, "OIDC_UI_CLIENT_ID") ?? "opendepot-ui",
    ...(clientSecret !== undefined ? { clientSecret } : {}),
    scopes: value(env, "OIDC_SCOPES") ?? "openid profile email groups",
    groupsClaim: value(env, "OIDC_GROUPS_CLAIM") ?? "groups",
    allowClientCredentials,
    clientCredentialsClients: clients,
    maxGroups: int(env, "OIDC_MAX_GROUPS", 1000, 1, 100_000, "1000"),
  };
}

/** PUBLIC_BASE_URL (or its alias NEXT_PUBLIC_BASE_URL, read here at run time only). */
function parseBaseUrl(env: Env): URL | undefined {
  const name = value(env, "PUBLIC_BASE_URL") !== undefined ? "PUBLIC_BASE_URL" : "NEXT_PUBLIC_BASE_URL";
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a URL: ${JSON.stringify(raw)}`, "https://opendepot.example.com");
  }
  if (
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    url.pathname !== "/" ||
    url.search ||
    url.hash ||
    url.username
  ) {
    throw new ConfigError(
      name,
      "must be an http(s) origin without path, query or credentials",
      "https://opendepot.example.com",
    );
  }
  return url;
}

function parseValkey(env: Env): Config["valkey"] {
  const url = value(env, "VALKEY_URL");
  const refresh = value(env, "DOWNLOADS_REFRESH");
  let refreshMs = 15_000;
  if (refresh !== undefined) {
    const m = /^(\d+)(ms|s|m)?$/.exec(refresh);
    const n = m ? Number(m[1]) * (m[2] === "ms" ? 1 : m[2] === "m" ? 60_000 : 1000) : Number.NaN;
    if (!m || n < 1000 || n > 3_600_000)
      throw new ConfigError("DOWNLOADS_REFRESH", "must be a duration between 1s and 60m (e.g. 15s, 2m)", "15s");
    refreshMs = n;
  }
  if (url === undefined) return undefined;
  if (!/^(redis|rediss|valkey|valkeys):\/\/[^/]/.test(url))
    throw new ConfigError(
      "VALKEY_URL",
      "must be a redis:// or rediss:// URL",
      "redis://valkey.opendepot-system:6379/0",
    );
  const password = value(env, "VALKEY_PASSWORD");
  return { url, ...(password !== undefined ? { password } : {}), refreshMs };
}

const SIZE_UNITS = new Map([
  ["", 1],
  ["KiB", 1024],
  ["MiB", 1024 ** 2],
  ["GiB", 1024 ** 3],
]);

/** Bytes as `1048576`, `512KiB`, `32MiB` or `1GiB`, within [min, max]. */
function size(env: Env, name: string, def: number, min: number, max: number, example: string): number {
  const v = value(env, name);
  if (v === undefined) return def;
  const m = /^(\d+)\s*(KiB|MiB|GiB)?$/.exec(v);
  const n = m ? Number(m[1]) * (SIZE_UNITS.get(m[2] ?? "") ?? 1) : Number.NaN;
  if (!m || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new ConfigError(
      name,
      `must be a size between ${min} and ${max} bytes (a number, optionally with KiB, MiB or GiB)`,
      example,
    );
  }
  return n;
}

function parseArchives(env: Env, fileRegistryPath: string | undefined, oidc: OidcConfig | undefined): ArchiveConfig {
  const rootValue = value(env, "ARCHIVE_ROOT");
  const root = rootValue !== undefined ? path.resolve(rootValue) : fileRegistryPath;
  if (rootValue !== undefined && !isDirectory(root!))
    throw new ConfigError("ARCHIVE_ROOT", `is not a readable directory: ${root}`, "/var/lib/opendepot");
  const rawServer = value(env, "OPENDEPOT_SERVER_URL");
  let serverUrl: URL | undefined;
  if (rawServer !== undefined) {
    try {
      serverUrl = new URL(rawServer);
    } catch {
      throw new ConfigError(
        "OPENDEPOT_SERVER_URL",
        `is not a URL: ${JSON.stringify(rawServer)}`,
        "http://opendepot.opendepot-system.svc:8080",
      );
    }
    if (
      (serverUrl.protocol !== "https:" && serverUrl.protocol !== "http:") ||
      serverUrl.search ||
      serverUrl.hash ||
      serverUrl.username
    ) {
      throw new ConfigError(
        "OPENDEPOT_SERVER_URL",
        "must be an http(s) URL without query or credentials",
        "http://opendepot.opendepot-system.svc:8080",
      );
    }
  }
  const tokenFile = value(env, "OPENDEPOT_TOKEN_FILE");
  const clientId = value(env, "OPENDEPOT_CLIENT_ID");
  const clientSecret = value(env, "OPENDEPOT_CLIENT_SECRET");
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    const missing = clientId === undefined ? "OPENDEPOT_CLIENT_ID" : "OPENDEPOT_CLIENT_SECRET";
    throw new ConfigError(
      missing,
      "is required together with its pair (OPENDEPOT_CLIENT_ID and OPENDEPOT_CLIENT_SECRET)",
      missing === "OPENDEPOT_CLIENT_ID" ? "opendepot-explorer" : "…",
    );
  }
  if (clientId !== undefined && !oidc)
    throw new ConfigError(
      "OPENDEPOT_CLIENT_ID",
      "needs OIDC_ISSUER_URL (the issuer that grants the token)",
      "opendepot-explorer",
    );
  if (clientId !== undefined && tokenFile !== undefined)
    throw new ConfigError(
      "OPENDEPOT_TOKEN_FILE",
      "and OPENDEPOT_CLIENT_ID are exclusive; set one of them",
      "/var/run/secrets/opendepot/token",
    );
  if ((tokenFile !== undefined || clientId !== undefined) && !serverUrl) {
    throw new ConfigError(
      "OPENDEPOT_SERVER_URL",
      "is required when OPENDEPOT_TOKEN_FILE or OPENDEPOT_CLIENT_ID is set",
      "http://opendepot.opendepot-system.svc:8080",
    );
  }
  const timeout = value(env, "ARCHIVE_PARSE_TIMEOUT");
  let parseTimeoutMs = 20_000;
  if (timeout !== undefined) {
    const m = /^(\d+)(ms|s)?$/.exec(timeout);
    parseTimeoutMs = m ? Number(m[1]) * (m[2] === "ms" ? 1 : 1000) : Number.NaN;
    if (!m || parseTimeoutMs < 100 || parseTimeoutMs > 300_000)
      throw new ConfigError("ARCHIVE_PARSE_TIMEOUT", "must be a duration between 100ms and 300s", "20s");
  }
  const MiB = 1024 ** 2;
  return {
    ...(root !== undefined ? { root } : {}),
    ...(serverUrl ? { serverUrl } : {}),
    ...(tokenFile !== undefined ? { tokenFile } : {}),
    ...(clientId !== undefined && clientSecret !== undefined && oidc
      ? { clientCredentials: { clientId, clientSecret, issuer: oidc.issuer } }
      : {}),
    maxArchiveBytes: size(env, "ARCHIVE_MAX_BYTES", 32 * MiB, 1024, 1024 * MiB, "32MiB"),
    maxUnpackedBytes: size(env, "ARCHIVE_MAX_UNPACKED_BYTES", 128 * MiB, 1024, 4096 * MiB, "128MiB"),
    maxEntries: size(env, "ARCHIVE_MAX_ENTRIES", 10_000, 1, 1_000_000, "10000"),
    maxFileBytes: size(env, "ARCHIVE_MAX_FILE_BYTES", 2 * MiB, 1024, 256 * MiB, "2MiB"),
    parseTimeoutMs,
    cacheBytes: size(env, "INTERFACE_CACHE_BYTES", 64 * MiB, 0, 4096 * MiB, "64MiB"),
  };
}
