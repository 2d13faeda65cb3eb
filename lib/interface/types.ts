// The module interface read from a version's archive (issue 15), and the diff between two versions.

export interface Input {
  name: string;
  type?: string;
  description?: string;
  /** Present exactly when the variable declares a default (`default = null` included). */
  default?: unknown;
  required: boolean;
  sensitive: boolean;
  nullable: boolean;
}

export interface Output {
  name: string;
  description?: string;
  sensitive: boolean;
}

export interface Resource {
  mode: "managed" | "data";
  type: string;
  name: string;
}

export interface RequiredProvider {
  name: string;
  source?: string;
  versionConstraints?: string;
}

export interface ModuleCall {
  name: string;
  source: string;
  version?: string;
}

export interface Interface {
  inputs: Input[];
  outputs: Output[];
  resources: Resource[];
  requiredProviders: RequiredProvider[];
  requiredCore: string[];
  moduleCalls: ModuleCall[];
}

export type PathInterface = { path: string } & Interface;

export type InterfaceStatus = "ok" | "unavailable" | "invalid";

/** What one archive gives, independent of who asks (the cached value). */
export interface ArchiveInterface {
  status: InterfaceStatus;
  /** Why, for a person (never a credential). */
  error?: string;
  root: Interface;
  submodules: PathInterface[];
  examples: PathInterface[];
}

export type InterfaceResponse = { version: string } & ArchiveInterface;

/** Limits on one archive; the worker enforces all but `maxArchiveBytes` and `parseTimeoutMs`. */
export interface ArchiveLimits {
  readonly maxArchiveBytes: number;
  readonly maxUnpackedBytes: number;
  readonly maxEntries: number;
  readonly maxFileBytes: number;
  readonly parseTimeoutMs: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = {
  maxArchiveBytes: 32 * 1024 * 1024,
  maxUnpackedBytes: 128 * 1024 * 1024,
  maxEntries: 10_000,
  maxFileBytes: 2 * 1024 * 1024,
  parseTimeoutMs: 20_000,
};

/** One parsed file as the worker returns it: hcl2json's JSON for `.tf`, the document for `.tf.json`. */
export interface ParsedFile {
  name: string;
  json: unknown;
}

export type WorkerResult =
  | { status: "ok"; dirs: { path: string; files: ParsedFile[] }[]; skipped: string[] }
  | { status: "invalid"; reason: string };

export type Bump = "major" | "minor" | "patch" | "prerelease" | "none" | "downgrade";

export interface Change {
  kind: "input" | "output" | "provider" | "core" | "submodule";
  name: string;
  change: "added" | "removed" | "changed";
  breaking: boolean;
  what: string;
}

export interface DiffResponse {
  from: string;
  to: string;
  status: InterfaceStatus;
  error?: string;
  bump: Bump;
  breaking: boolean;
  verdict: string;
  changes: Change[];
}
