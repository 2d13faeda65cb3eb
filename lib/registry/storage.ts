// Storage configuration (docs/browse-api.md §2.11 backend names, docs/browse-api.md §5.5 the StorageConfigView).

import type { StorageConfig } from "./types";

export type StorageBackend = "s3" | "azureStorage" | "gcs" | "fileSystem";

/** The first member present as an object; a presign-only config has no backend. */
export function backendName(cfg: StorageConfig | undefined): StorageBackend | undefined {
  if (!cfg) return undefined;
  if (cfg.s3) return "s3";
  if (cfg.azureStorage) return "azureStorage";
  if (cfg.gcs) return "gcs";
  if (cfg.fileSystem) return "fileSystem";
  return undefined;
}

export interface StorageConfigView {
  backend: string;
  bucket?: string;
  region?: string;
  key?: string;
  accountName?: string;
  accountUrl?: string;
  subscriptionID?: string;
  resourceGroup?: string;
  directoryPath?: string;
  presignEnabled?: boolean;
  presignTTL?: string;
}

/** Only the chosen backend's fields, in the spec's order. */
export function storageConfigView(cfg: StorageConfig): StorageConfigView {
  const backend = backendName(cfg);
  const presign = cfg.presign;
  return {
    backend: backend ?? "",
    ...(backend === "s3"
      ? { bucket: cfg.s3!.bucket, region: cfg.s3!.region, ...(cfg.s3!.key !== undefined ? { key: cfg.s3!.key } : {}) }
      : {}),
    ...(backend === "gcs" ? { bucket: cfg.gcs!.bucket } : {}),
    ...(backend === "azureStorage"
      ? {
          accountName: cfg.azureStorage!.accountName,
          accountUrl: cfg.azureStorage!.accountUrl,
          subscriptionID: cfg.azureStorage!.subscriptionID,
          resourceGroup: cfg.azureStorage!.resourceGroup,
        }
      : {}),
    ...(backend === "fileSystem" && cfg.fileSystem!.directoryPath !== undefined
      ? { directoryPath: cfg.fileSystem!.directoryPath }
      : {}),
    ...(presign?.enabled !== undefined ? { presignEnabled: presign.enabled } : {}),
    ...(presign?.ttl !== undefined ? { presignTTL: formatGoDuration(presign.ttl) } : {}),
  };
}

// Go's time.ParseDuration and Duration.String, in bigint nanoseconds. No npm package prints
// Go's format exactly (`1h0m0s`), and the rules are short.
const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_INT64 = (1n << 63n) - 1n;

export function parseGoDuration(s: string): bigint | undefined {
  let rest = s;
  let neg = false;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    neg = rest.startsWith("-");
    rest = rest.slice(1);
  }
  if (rest === "0") return 0n;
  if (rest === "") return undefined;
  let total = 0n;
  const part = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;
  while (rest !== "") {
    const m = part.exec(rest);
    if (!m || (m[1] === "" && (m[2] === undefined || m[2] === ""))) return undefined;
    const unit = UNIT_NS[m[3]!]!; // own-key: the pattern admits only the units UNIT_NS defines
    const whole = BigInt(m[1] === "" ? "0" : m[1]!);
    const frac = m[2] ?? "";
    let value = whole * unit;
    if (frac !== "") value += (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
    total += value;
    if (total > MAX_INT64 + (neg ? 1n : 0n)) return undefined;
    rest = rest.slice(m[0].length);
  }
  return neg ? -total : total;
}

function fraction(v: bigint, digits: number): string {
  const s = v.toString().padStart(digits, "0").replace(/0+$/, "");
  return s === "" ? "" : `.${s}`;
}

export function formatGoDurationNs(d: bigint): string {
  if (d === 0n) return "0s";
  const neg = d < 0n;
  const u = neg ? -d : d;
  let out: string;
  if (u < 1_000_000_000n) {
    // Sub-second: the largest unit that keeps a non-zero integer part.
    if (u < 1_000n) out = `${u}ns`;
    else if (u < 1_000_000n) out = `${u / 1_000n}${fraction(u % 1_000n, 3)}µs`;
    else out = `${u / 1_000_000n}${fraction(u % 1_000_000n, 6)}ms`;
  } else {
    const h = u / 3_600_000_000_000n;
    const m = (u / 60_000_000_000n) % 60n;
    const secs = (u / 1_000_000_000n) % 60n;
    const s = `${secs}${fraction(u % 1_000_000_000n, 9)}s`;
    out = h > 0n ? `${h}h${m}m${s}` : m > 0n ? `${m}m${s}` : s;
  }
  return neg ? `-${out}` : out;
}

/** Re-renders a duration the way Go prints it; a value that does not parse passes through. */
export function formatGoDuration(s: string): string {
  const d = parseGoDuration(s);
  return d === undefined ? s : formatGoDurationNs(d);
}
