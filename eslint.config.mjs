// ESLint (flat config): typescript-eslint's recommended rules, React's hooks rules, and the layer
// boundaries of docs/architecture.md as no-restricted-imports. `npm test` runs it (`npm run lint`).
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/** Import patterns a file in `lib/<folder>` may not use: the folders above it in the layering. */
const above = (...folders) => folders.flatMap((f) => [`**/${f}`, `**/${f}/**`, `@/${f}`, `@/${f}/**`]);
const layer = (files, patterns, message) => ({
  files,
  ignores: ["**/*.test.ts", "**/*.test.tsx"],
  rules: { "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "test-results/**",
      "bench/.cache/**",
      "bench/results/**",
      "demo/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        URLSearchParams: "readonly",
        fetch: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        globalThis: "readonly",
        performance: "readonly",
        structuredClone: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
        AbortController: "readonly",
        Response: "readonly",
        Request: "readonly",
        Headers: "readonly",
        crypto: "readonly",
        btoa: "readonly",
        atob: "readonly",
        window: "readonly",
        document: "readonly",
        localStorage: "readonly",
        navigator: "readonly",
        queueMicrotask: "readonly",
      },
    },
    rules: {
      // Unused values are TypeScript's job (noUnusedLocals); `_` marks a deliberate one.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    files: ["**/*.tsx", "components/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  // Layers (docs/architecture.md): lower folders never import higher ones.
  layer(
    ["lib/**/*.ts"],
    ["next", "next/*", "react", "react-dom", "@/app/**", "@/components/**", "**/app/**", "**/components/**"],
    "lib/ is framework-free TypeScript: no Next.js, React, app/ or components/.",
  ),
  layer(
    ["lib/registry/**/*.ts"],
    above("auth", "browse", "downloads", "interface", "server", "config"),
    "lib/registry imports no other lib folder but errors, log and own.",
  ),
  layer(
    ["lib/downloads/**/*.ts"],
    above("auth", "browse", "interface", "server"),
    "lib/downloads sits below auth, browse and server.",
  ),
  layer(
    ["lib/auth/**/*.ts"],
    above("browse", "downloads", "interface", "server"),
    "lib/auth sits below browse and server.",
  ),
  layer(
    ["lib/interface/**/*.ts"],
    above("browse", "auth", "downloads", "server"),
    "lib/interface sits below browse and server.",
  ),
  layer(
    ["lib/browse/**/*.ts"],
    above("server"),
    "lib/browse is pure queries: the server glue imports it, not the other way round.",
  ),
  // Client components receive plain data: from lib/ they import types only.
  {
    files: ["components/**/*.tsx", "components/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/server/**", "**/lib/server/**"],
              message: "Components take plain data; server glue belongs to pages.",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
