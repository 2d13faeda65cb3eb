// The registry model: the fields of the OpenDepot CRDs (and core Namespace/ConfigMap) that the
// explorer reads, after the schema layer (schemas.ts) has validated and converted them.
// Everything inside lib/ trusts these shapes.

import type { Severity } from "./findings";

export const API_GROUP_VERSION = "opendepot.defdev.io/v1alpha1";
export const PUBLIC_LABEL = "opendepot.defdev.io/public";

/**
 * The public flag (docs/browse-api.md §3.2): the object and its namespace both labelled public. A fact
 * the index records per object; what each Viewer may see follows from it in lib/auth/visibility.ts.
 */
export function isPublicObject(
  namespaceLabels: Readonly<Record<string, string>> | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  return namespaceLabels !== undefined && isLabelledPublic(namespaceLabels) && isLabelledPublic(labels);
}

/** Exactly the string `true`: any other value, or none, is not public (docs/browse-api.md §2.2). */
export function isLabelledPublic(labels: Readonly<Record<string, string>>): boolean {
  return labels[PUBLIC_LABEL] === "true";
}
export const MODULE_LABEL = "opendepot.defdev.io/module";
export const PROVIDER_LABEL = "opendepot.defdev.io/provider";

export interface OwnerReference {
  readonly kind: string;
  readonly name: string;
}

export interface ObjectMeta {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ownerReferences: readonly OwnerReference[];
}

export interface S3Config {
  readonly bucket: string;
  readonly region: string;
  readonly key?: string;
}
export interface AzureStorageConfig {
  readonly accountName: string;
  readonly accountUrl: string;
  readonly subscriptionID: string;
  readonly resourceGroup: string;
}
export interface GcsConfig {
  readonly bucket: string;
}
export interface FileSystemConfig {
  readonly directoryPath?: string;
}
export interface PresignConfig {
  readonly enabled?: boolean;
  readonly ttl?: string;
  readonly fallbackToProxy?: boolean;
}
export interface StorageConfig {
  readonly s3?: S3Config;
  readonly azureStorage?: AzureStorageConfig;
  readonly gcs?: GcsConfig;
  readonly fileSystem?: FileSystemConfig;
  readonly presign?: PresignConfig;
}

/** A finding as stored, with every string member present ("" when missing) and severity canonical. */
export interface Finding {
  readonly vulnerabilityID: string;
  readonly pkgName: string;
  readonly installedVersion: string;
  readonly fixedVersion: string;
  readonly severity: Severity;
  readonly title: string;
}

/** A present Scan means "scanned", even with no findings. */
export interface Scan {
  readonly scannedAt: string;
  readonly findings: readonly Finding[];
}

export interface ResourceStatus {
  readonly synced: boolean;
  readonly syncStatus: string;
  readonly latestVersion: string;
}

export interface GithubClientConfig {
  readonly useAuthenticatedClient: boolean;
}

export interface Module {
  readonly kind: "Module";
  readonly metadata: ObjectMeta;
  readonly config: {
    readonly name: string;
    readonly provider: string;
    readonly repoUrl: string;
    readonly repoOwner: string;
    readonly storageConfig?: StorageConfig;
    readonly versionHistoryLimit?: number;
    readonly versionConstraints: string;
    readonly githubClientConfig?: GithubClientConfig;
  };
  readonly status: ResourceStatus;
}

export interface Provider {
  readonly kind: "Provider";
  readonly metadata: ObjectMeta;
  readonly config: {
    readonly name: string;
    readonly namespace: string;
    readonly sourceRepository: string;
    readonly storageConfig?: StorageConfig;
    readonly versionHistoryLimit?: number;
    readonly versionConstraints: string;
    readonly githubClientConfig?: GithubClientConfig;
  };
  readonly status: ResourceStatus & { readonly resolvedSourceRepository: string };
}

export interface Version {
  readonly kind: "Version";
  readonly metadata: ObjectMeta;
  readonly spec: {
    /** "Module" | "Provider" when set (case-insensitive in the source), else undefined. */
    readonly type?: "Module" | "Provider";
    /** Raw spec.version as stored (non-empty after normalize). */
    readonly version: string;
    readonly fileName: string;
    readonly operatingSystem: string;
    readonly architecture: string;
    readonly moduleConfigRefName: string;
    readonly providerConfigRefName: string;
  };
  readonly status: {
    readonly synced: boolean;
    readonly syncStatus: string;
    readonly checksum: string;
    readonly archiveSizeBytes?: number;
    readonly sourceScan?: Scan;
    readonly binaryScan?: Scan;
    readonly readmeConfigMapRef?: { readonly name: string; readonly key: string };
  };
}

export interface Depot {
  readonly kind: "Depot";
  readonly metadata: ObjectMeta;
  readonly storageConfig?: StorageConfig;
  readonly pollingIntervalMinutes?: number;
  readonly modules: readonly string[];
  readonly providers: readonly string[];
}

export interface GroupBinding {
  readonly kind: "GroupBinding";
  readonly metadata: ObjectMeta;
  readonly expression: string;
  readonly moduleResources: readonly string[];
  readonly providerResources: readonly string[];
}

export interface Namespace {
  readonly kind: "Namespace";
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ConfigMap {
  readonly kind: "ConfigMap";
  readonly metadata: ObjectMeta;
  readonly data: Readonly<Record<string, string>>;
}

export type RegistryObject = Module | Provider | Version | Depot | GroupBinding | Namespace | ConfigMap;
/** The two kinds of resource people browse, as spelled in paths, queries and download records. */
export const RESOURCE_KINDS = ["module", "provider"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
