// A minimal OIDC issuer for the benchmark's scoped viewer: discovery and JWKS over HTTP on
// 127.0.0.1, ID tokens signed with a freshly generated RS256 key (the gate verifies them for real).
// Not oidc-provider: the benchmark needs only tokens, not the sign-in flow the e2e tests drive.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair } from "jose";

export interface BenchIssuer {
  readonly issuer: string;
  /** An ID token for `opendepot` with the given groups, valid for `ttlSeconds`; `who` replaces the bench user. */
  token(
    groups: readonly string[],
    ttlSeconds?: number,
    who?: { sub: string; name: string; email: string },
  ): Promise<string>;
  stop(): Promise<void>;
}

export async function startIssuer(audience: string): Promise<BenchIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "bench", alg: "RS256", use: "sig" };
  let issuer = "";
  const server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/dex/.well-known/openid-configuration") {
      return res.end(
        JSON.stringify({ issuer, jwks_uri: `${issuer}/keys`, id_token_signing_alg_values_supported: ["RS256"] }),
      );
    }
    if (req.url === "/dex/keys") return res.end(JSON.stringify({ keys: [jwk] }));
    res.statusCode = 404;
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dex`;
  return {
    issuer,
    token: (groups, ttlSeconds = 3600, who = { sub: "bench-user", name: "Bench User", email: "bench@example.com" }) =>
      new SignJWT({ groups: [...groups], name: who.name, email: who.email })
        .setProtectedHeader({ alg: "RS256", kid: "bench" })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(who.sub)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
