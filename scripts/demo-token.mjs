#!/usr/bin/env node
// `npm run demo:token -- bob`: an ID token for a demo user from the running demo identity
// provider (started by `npm run demo`), with the same claims as a sign-in — paste it into
// "Use a bearer token" in the explorer, or send it as `Authorization: Bearer …`.
// Uses the same PORT, HOST, PUBLIC_BASE_URL and DEMO_IDP_PORT as `npm run demo`.
import { DEMO_USERS, issueIdToken } from "./dex-stand-in.mjs";

const user = process.argv[2];
if (!user || !Object.hasOwn(DEMO_USERS, user)) {
  console.error(`usage: npm run demo:token -- <user>   (one of: ${Object.keys(DEMO_USERS).join(", ")})`);
  process.exit(2);
}
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
const baseUrl = process.env.PUBLIC_BASE_URL ?? `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
const issuer = `http://127.0.0.1:${process.env.DEMO_IDP_PORT ?? "5556"}/dex`;
try {
  // The demo client's own redirect URI; the code is exchanged here, never sent to the explorer.
  process.stdout.write(`${await issueIdToken(issuer, user, "opendepot-ui", `${baseUrl}/auth/callback`)}\n`);
} catch (err) {
  console.error(
    `could not get a token from ${issuer} (is \`npm run demo\` running?): ${err instanceof Error ? err.message : err}`,
  );
  process.exit(1);
}
