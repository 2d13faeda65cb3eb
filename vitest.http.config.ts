import { defineConfig } from "vitest/config";

// HTTP tests start the built app (`next build` must have run) as real processes.
export default defineConfig({
  test: {
    include: ["e2e/http/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
