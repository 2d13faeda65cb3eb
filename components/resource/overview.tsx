// The Overview box: facts with labels a person reads (not the API's keys); long values wrap.

import type { ReactNode } from "react";
import type { ResourceDetail } from "@/lib/browse/detail";
import type { StorageConfigView } from "@/lib/registry/storage";
import { Card } from "@/components/ui/card";
import { DownloadTrend } from "./download-trend";

const BACKENDS = new Map([
  ["s3", "Amazon S3"],
  ["gcs", "Google Cloud Storage"],
  ["azureStorage", "Azure Blob Storage"],
  ["fileSystem", "File system"],
  ["unknown", "Unknown"],
]);

/** A storage backend's name for people; an unknown name as written. */
export function backendLabel(backend: string): string {
  return BACKENDS.get(backend) ?? backend;
}

/** Go's `1h30m0s` as "1 h 30 min"; anything else as written. */
export function readableDuration(go: string): string {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(go);
  if (!m || go === "") return go;
  const parts = [
    m[1] && m[1] !== "0" ? `${m[1]} h` : "",
    m[2] && m[2] !== "0" ? `${m[2]} min` : "",
    m[3] && Number(m[3]) !== 0 ? `${m[3]} s` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "0 s";
}

function Row({ label, children, mono }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="min-w-0 py-1.5 sm:grid sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-3">
      <dt className="font-medium text-muted">{label}</dt>
      <dd className={mono ? "font-mono text-xs break-all" : "break-words"}>{children}</dd>
    </div>
  );
}

function StorageRows({ view, from }: { view: StorageConfigView; from?: string }) {
  return (
    <>
      <Row label="Storage">
        {view.backend ? backendLabel(view.backend) : "No backend"}
        {from ? <span className="text-muted"> (inherited from depot {from})</span> : null}
      </Row>
      {view.bucket ? (
        <Row label="Bucket" mono>
          {view.bucket}
        </Row>
      ) : null}
      {view.region ? <Row label="Region">{view.region}</Row> : null}
      {view.key ? (
        <Row label="Key prefix" mono>
          {view.key}
        </Row>
      ) : null}
      {view.accountName ? <Row label="Storage account">{view.accountName}</Row> : null}
      {view.accountUrl ? (
        <Row label="Account URL" mono>
          {view.accountUrl}
        </Row>
      ) : null}
      {view.subscriptionID ? (
        <Row label="Azure subscription" mono>
          {view.subscriptionID}
        </Row>
      ) : null}
      {view.resourceGroup ? <Row label="Resource group">{view.resourceGroup}</Row> : null}
      {view.directoryPath ? (
        <Row label="Directory" mono>
          {view.directoryPath}
        </Row>
      ) : null}
      {view.presignEnabled !== undefined ? (
        <Row label="Presigned URLs">
          {view.presignEnabled ? "on" : "off"}
          {view.presignEnabled && view.presignTTL ? `, ${readableDuration(view.presignTTL)}` : ""}
        </Row>
      ) : null}
    </>
  );
}

export function Overview({ detail }: { detail: ResourceDetail }) {
  const inherited = detail.inheritedStorageConfig;
  return (
    <Card as="aside" aria-labelledby="overview-heading" className="self-start text-sm" data-testid="overview">
      <h2 id="overview-heading" className="text-lg font-semibold">
        Overview
      </h2>
      <dl className="mt-2 divide-y divide-line">
        <Row label="Registry name" mono>
          {detail.registryName}
        </Row>
        {detail.providerNamespace ? <Row label="Provider namespace">{detail.providerNamespace}</Row> : null}
        {detail.repoOwner ? <Row label="Repository owner">{detail.repoOwner}</Row> : null}
        {detail.versionConstraints ? (
          <Row label="Version constraints" mono>
            {detail.versionConstraints}
          </Row>
        ) : null}
        {detail.versionHistoryLimit !== undefined ? (
          <Row label="Versions kept">{detail.versionHistoryLimit}</Row>
        ) : null}
        {detail.storageConfig ? <StorageRows view={detail.storageConfig} /> : null}
        {inherited ? (
          <StorageRows view={inherited} from={`${inherited.inheritedFrom.namespace}/${inherited.inheritedFrom.name}`} />
        ) : null}
        {detail.githubConfig ? (
          <Row label="GitHub access">
            {detail.githubConfig.useAuthenticatedClient ? "authenticated client" : "anonymous"}
          </Row>
        ) : null}
      </dl>
      {detail.downloadTrend ? (
        <div className="mt-4">
          <h3 className="font-semibold">Downloads, last 30 days</h3>
          <DownloadTrend points={detail.downloadTrend} />
        </div>
      ) : null}
    </Card>
  );
}
