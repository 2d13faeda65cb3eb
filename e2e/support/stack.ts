// The explorer with sign-in: the Dex stand-in and the built app, wired to each other.

import { randomBytes } from "node:crypto";
// @ts-expect-error -- plain ESM script shared with `npm run demo`
import { DEMO_USERS, startDexStandIn } from "../../scripts/dex-stand-in.mjs";
import { freePort, startApp, type RunningApp } from "./app-server";

export interface Stack {
  app: RunningApp;
  dex: { issuer: string; stop(): Promise<void> };
  baseUrl: string;
  sessionPassword: string;
  stop(): Promise<void>;
}

/** A user in 400 groups: their ID token needs two session cookie chunks. */
export const MANY_GROUPS_USER = {
  name: "Gina Groups",
  email: "gina@example.com",
  groups: ["platform-team", ...Array.from({ length: 400 }, (_, i) => `group-${i}`)],
};

export async function startStack(
  env: Record<string, string> = {},
  opts: { sessionPassword?: string } = {},
): Promise<Stack> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dex = await startDexStandIn({
    clients: [
      {
        client_id: "opendepot-ui",
        redirect_uris: [`${baseUrl}/auth/callback`],
        post_logout_redirect_uris: [`${baseUrl}/`],
      },
    ],
    users: { ...DEMO_USERS, gina: MANY_GROUPS_USER },
  });
  const sessionPassword = opts.sessionPassword ?? randomBytes(32).toString("base64url");
  const app = await startApp(
    {
      OIDC_ISSUER_URL: dex.issuer,
      OIDC_CLIENT_ID: "opendepot",
      AUTH_ANONYMOUS: "public",
      DEV_TOKEN_INPUT_ENABLED: "true",
      PUBLIC_BASE_URL: baseUrl,
      SESSION_PASSWORD: sessionPassword,
      ...env,
    },
    { port },
  );
  return {
    app,
    dex,
    baseUrl,
    sessionPassword,
    async stop() {
      await app.stop();
      await dex.stop();
    },
  };
}
