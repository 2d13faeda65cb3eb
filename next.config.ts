import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The container image (deploy/Dockerfile) runs the standalone server; `next start` wants the default.
  ...(process.env.BUILD_STANDALONE === "1" ? { output: "standalone" as const } : {}),
  poweredByHeader: false,
  // The request guard compresses responses with Next's own middleware, after the page cache has
  // seen them (scripts/request-guard.mjs, lib/server/page-cache.ts).
  compress: false,
  reactStrictMode: true,
  // Server-only packages with native or dynamic requires: load them from node_modules at run time.
  serverExternalPackages: ["@kubernetes/client-node", "iovalkey", "prom-client"],
  // The archive worker (issue 15) and the downloads poll worker are loaded by Node from the app
  // directory, outside the bundle; the standalone server needs them and the packages they import
  // (iovalkey is traced already: the server imports it too).
  outputFileTracingIncludes: {
    "/**": [
      "lib/interface/extract-worker.mjs",
      "lib/downloads/valkey-poll-worker.mjs",
      ...[
        "@cdktn/hcl2json",
        "fs-extra",
        "graceful-fs",
        "jsonfile",
        "universalify",
        "yauzl",
        "pend",
        "tar-stream",
        "streamx",
        "fast-fifo",
        "text-decoder",
        "events-universal",
        "b4a",
        "bare-events",
      ].map((p) => `node_modules/${p}/**`),
    ],
  },
};

export default nextConfig;
