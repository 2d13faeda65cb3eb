import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The container image (deploy/Dockerfile) runs the standalone server; `next start` wants the default.
  ...(process.env.BUILD_STANDALONE === "1" ? { output: "standalone" as const } : {}),
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages with native or dynamic requires: load them from node_modules at run time.
  serverExternalPackages: ["chokidar", "@kubernetes/client-node", "iovalkey", "prom-client"],
};

export default nextConfig;
