import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The container image (deploy/Dockerfile) runs the standalone server; `next start` wants the default.
  ...(process.env.BUILD_STANDALONE === "1" ? { output: "standalone" as const } : {}),
  poweredByHeader: false,
  reactStrictMode: true,
  // chokidar and yaml run only on the server; keep them out of the bundler's way.
  serverExternalPackages: ["chokidar"],
};

export default nextConfig;
