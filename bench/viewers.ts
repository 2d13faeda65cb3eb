// The two viewers of the benchmark and how the app is configured to know them: anonymous callers
// (public), and a scoped viewer with a real JWT from the bench issuer — as a bearer header for the
// API and inside a really sealed session cookie for pages, as /auth/callback would set it.

import { chunkNames, sealSession } from "../lib/auth/session";
import type { BenchIssuer } from "./issuer";

const SESSION_PASSWORD = "bench-session-password-0123456789-abcdef";

export interface Viewers {
  readonly public: Record<string, string>;
  readonly scopedApi: Record<string, string>;
  readonly scopedPage: Record<string, string>;
}

/** The environment of an app that trusts the bench issuer. */
export function appEnv(registryPath: string, issuer: BenchIssuer): Record<string, string> {
  return {
    REGISTRY_PATH: registryPath,
    OIDC_ISSUER_URL: issuer.issuer,
    OIDC_CLIENT_ID: "opendepot",
    AUTH_ANONYMOUS: "public",
    PUBLIC_BASE_URL: "http://127.0.0.1:9",
    SESSION_PASSWORD,
  };
}

export async function viewers(issuer: BenchIssuer, groups: readonly string[]): Promise<Viewers> {
  const token = await issuer.token(groups);
  const chunks = await sealSession(
    { idToken: token, expiresAt: Math.floor(Date.now() / 1000) + 3600, name: "Bench User" },
    SESSION_PASSWORD,
    3600,
  );
  const cookie = chunks.map((c, i) => `${chunkNames()[i]}=${c}`).join("; ");
  return { public: {}, scopedApi: { authorization: `Bearer ${token}` }, scopedPage: { cookie } };
}
