#!/usr/bin/env node
// `npm run demo`: build when needed, start the demo identity provider (a Dex stand-in on
// 127.0.0.1:5556/dex) and serve the bundled demo registry on 127.0.0.1:3000 with sign-in.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { buildIfNeeded } from "./needs-build.mjs";
import { SERVER_NODE_FLAGS, serverEnv } from "./server-node-flags.mjs";
import { DEMO_USERS, startDexStandIn } from "./dex-stand-in.mjs";

if (!buildIfNeeded()) process.exit(1);
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
const baseUrl = process.env.PUBLIC_BASE_URL ?? `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
const env = { ...process.env, PORT: port, HOST: host };

let dex;
if (!process.env.OIDC_ISSUER_URL) {
  dex = await startDexStandIn({
    port: Number(process.env.DEMO_IDP_PORT ?? 5556),
    clients: [
      {
        client_id: "opendepot-ui",
        redirect_uris: [`${baseUrl}/auth/callback`],
        post_logout_redirect_uris: [`${baseUrl}/`],
      },
    ],
  });
  Object.assign(env, {
    OIDC_ISSUER_URL: dex.issuer,
    OIDC_CLIENT_ID: "opendepot",
    OIDC_UI_CLIENT_ID: "opendepot-ui",
    AUTH_ANONYMOUS: process.env.AUTH_ANONYMOUS ?? "public",
    DEV_TOKEN_INPUT_ENABLED: process.env.DEV_TOKEN_INPUT_ENABLED ?? "true",
    PUBLIC_BASE_URL: baseUrl,
    // A fresh key per run: demo sessions end when the demo stops.
    SESSION_PASSWORD: process.env.SESSION_PASSWORD ?? randomBytes(32).toString("base64url"),
  });
  console.log(
    `demo identity provider: ${dex.issuer} — users (any password): ${Object.entries(DEMO_USERS)
      .map(([u, d]) => `${u} [${d.groups.join(", ") || "no groups"}]`)
      .join(", ")}`,
  );
  console.log(`a bearer token for a demo user (paste it under "Use a bearer token"): npm run demo:token -- bob`);
}
console.log(`OpenDepot Registry Explorer: ${baseUrl}/  (registry: ${env.REGISTRY_PATH ?? "demo/registry"})`);
const child = spawn(
  process.execPath,
  [...SERVER_NODE_FLAGS, "node_modules/next/dist/bin/next", "start", "-p", port, "-H", host],
  { stdio: "inherit", env: serverEnv(env) },
);
const stop = async (sig) => {
  child.kill(sig);
  await dex?.stop();
};
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => void stop(sig));
child.on("exit", async (code, signal) => {
  await dex?.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
