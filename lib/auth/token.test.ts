// The token matrix against a real JWKS served over HTTP on 127.0.0.1 (docs/auth.md §3): the gate's
// authentication, which verifies tokens with token.ts.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, base64url, type JWK, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnauthorizedError, UnavailableError } from "../errors";
import { silentLogger } from "../log";
import { authenticate, bearerFromHeader, type GateOptions } from "./gate";
import { IssuerKeys } from "./issuer-keys";
import type { OidcSettings } from "./token";

let server: Server;
let issuer: string;
let jwks: { keys: JWK[] };
let jwksFetches = 0;
let up = true;

type KeyPair = { privateKey: CryptoKey; publicKey: CryptoKey; kid: string };
let k1: KeyPair;
let k2: KeyPair;
let k3: KeyPair;

async function keyPair(kid: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return { privateKey, publicKey, kid };
}
async function publicJwk(k: KeyPair): Promise<JWK> {
  return { ...(await exportJWK(k.publicKey)), kid: k.kid, alg: "RS256", use: "sig" };
}

beforeAll(async () => {
  [k1, k2, k3] = await Promise.all([keyPair("k1"), keyPair("k2"), keyPair("k3")]);
  jwks = { keys: [await publicJwk(k1)] };
  server = createServer((req, res) => {
    if (!up) return res.destroy();
    if (req.url === "/dex/.well-known/openid-configuration") {
      res.setHeader("content-type", "application/json");
      return res.end(
        JSON.stringify({ issuer, jwks_uri: `${issuer}/keys`, id_token_signing_alg_values_supported: ["RS256"] }),
      );
    }
    if (req.url === "/dex/keys") {
      jwksFetches += 1;
      res.setHeader("content-type", "application/json");
      return res.end(JSON.stringify(jwks));
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dex`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function settings(extra: Partial<OidcSettings> = {}): OidcSettings {
  return {
    issuer,
    clientId: "opendepot",
    uiClientId: "opendepot-ui",
    groupsClaim: "groups",
    allowClientCredentials: false,
    clientCredentialsClients: [],
    ...extra,
  };
}

function gate(extra: Partial<OidcSettings> = {}, keys?: IssuerKeys): GateOptions {
  return {
    anonymous: "public",
    oidc: { settings: settings(extra), keys: keys ?? new IssuerKeys({ issuer, logger: silentLogger }) },
    audit: silentLogger,
  };
}

const now = () => Math.floor(Date.now() / 1000);

function token(claims: Record<string, unknown>, key: KeyPair = k1, header: Record<string, unknown> = {}) {
  return new SignJWT({ sub: "alice", aud: "opendepot", iss: issuer, groups: ["platform-team"], ...claims })
    .setProtectedHeader({ alg: "RS256", kid: key.kid, ...header })
    .setIssuedAt(typeof claims.iat === "number" ? claims.iat : now())
    .setExpirationTime(now() + 600)
    .sign(key.privateKey);
}

async function reject(g: GateOptions, t: string) {
  await expect(authenticate(g, { token: t, source: "header" })).rejects.toBeInstanceOf(UnauthorizedError);
}
async function accept(g: GateOptions, t: string) {
  const auth = await authenticate(g, { token: t, source: "header" });
  if (auth.kind !== "identity") throw new Error("expected an identity");
  return auth.identity;
}

describe("token matrix", () => {
  it("accepts a valid token for either audience", async () => {
    const g = gate();
    expect(await accept(g, await token({}))).toMatchObject({
      subject: "alice",
      groups: ["platform-team"],
      tokenSource: "header",
    });
    expect((await accept(g, await token({ aud: ["opendepot-ui"] }))).subject).toBe("alice");
  });

  it("rejects expired, not-yet-valid, future-issued, wrong issuer and wrong audience", async () => {
    const g = gate();
    await reject(
      g,
      await new SignJWT({ sub: "a", aud: "opendepot", iss: issuer })
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setExpirationTime(now() - 120)
        .sign(k1.privateKey),
    );
    await reject(g, await token({ nbf: now() + 300 }));
    await reject(g, await token({ iat: now() + 300 }));
    await reject(g, await token({ iss: issuer + "x" }));
    await reject(g, await token({ aud: "someone-else" }));
    // Within the 60 s clock skew: accepted.
    expect((await accept(g, await token({ nbf: now() + 30 }))).subject).toBe("alice");
  });

  it("rejects alg none, HS256 keyed with the public key, and a tampered payload", async () => {
    const g = gate();
    const payload = base64url.encode(
      JSON.stringify({ sub: "alice", aud: "opendepot", iss: issuer, exp: now() + 600, groups: ["platform-team"] }),
    );
    await reject(g, `${base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" }))}.${payload}.`);
    const pub = JSON.stringify(await publicJwk(k1));
    const hs = await new SignJWT({ sub: "alice", aud: "opendepot", iss: issuer, groups: ["x"] })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .setExpirationTime(now() + 600)
      .sign(new TextEncoder().encode(pub));
    await reject(g, hs);
    const [h, , s] = (await token({})).split(".");
    await reject(g, `${h}.${payload}.${s}`);
  });

  it("refetches the JWKS once for an unknown kid (rotation), rate limited", async () => {
    const keys = new IssuerKeys({ issuer, logger: silentLogger, unknownKidCooldownMs: 30_000 });
    const g = gate({}, keys);
    await accept(g, await token({}));
    const before = jwksFetches;
    jwks = { keys: [await publicJwk(k1), await publicJwk(k2)] };
    expect((await accept(g, await token({}, k2))).subject).toBe("alice");
    expect(jwksFetches).toBe(before + 1);
    // Another unknown kid within the cooldown: no refetch, rejected.
    jwks = { keys: [await publicJwk(k1), await publicJwk(k2), await publicJwk(k3)] };
    await reject(g, await token({}, k3));
    expect(jwksFetches).toBe(before + 1);
  });

  it("keeps verifying with cached keys while the issuer is down", async () => {
    const keys = new IssuerKeys({ issuer, logger: silentLogger });
    const g = gate({}, keys);
    await accept(g, await token({}));
    up = false;
    try {
      expect((await accept(g, await token({}))).subject).toBe("alice");
      // A fresh process with no cached keys cannot verify: unavailable, not "invalid token".
      await expect(authenticate(gate(), { token: await token({}), source: "header" })).rejects.toBeInstanceOf(
        UnavailableError,
      );
    } finally {
      up = true;
    }
  });

  it("reads groups as array, string, mixed (none), missing (none), and a custom claim name", async () => {
    const g = gate();
    expect((await accept(g, await token({ groups: ["a", "b"] }))).groups).toEqual(["a", "b"]);
    expect((await accept(g, await token({ groups: "solo" }))).groups).toEqual(["solo"]);
    expect((await accept(g, await token({ groups: ["a", 3] }))).groups).toEqual([]);
    expect((await accept(g, await token({ groups: undefined }))).groups).toEqual([]);
    const cognito = gate({ groupsClaim: "cognito:groups" });
    expect((await accept(cognito, await token({ groups: undefined, "cognito:groups": ["c"] }))).groups).toEqual(["c"]);
  });

  it("accepts client-credentials tokens only with the flag and only from listed clients", async () => {
    const machine = (sub: string) => token({ sub, aud: sub, azp: sub, groups: undefined });
    await reject(gate(), await machine("ci"));
    const g = gate({ allowClientCredentials: true, clientCredentialsClients: ["ci"] });
    expect(await accept(g, await machine("ci"))).toMatchObject({ subject: "ci", groups: ["client:ci"] });
    await reject(g, await machine("other"));
    // A user token minted for another application is not a machine token.
    await reject(g, await token({ aud: "ci", sub: "alice" }));
  });

  it("rejects malformed Authorization headers with 401 and never falls back", () => {
    expect(bearerFromHeader(null)).toBeUndefined();
    expect(bearerFromHeader("bearer abc")).toBe("abc");
    for (const h of ["Basic dXNlcjpwYXNz", "Bearer ", "Bearer", "Bearer  abc", "Bearer a b", "Token abc"]) {
      expect(() => bearerFromHeader(h)).toThrow(UnauthorizedError);
    }
  });

  it("answers 401 without a credential when AUTH_ANONYMOUS=none, public otherwise", async () => {
    await expect(authenticate({ ...gate(), anonymous: "none" }, undefined)).rejects.toMatchObject({
      tokenPresented: false,
    });
    expect(await authenticate(gate(), undefined)).toEqual({ kind: "anonymous" });
    expect(await authenticate({ ...gate(), anonymous: "all" }, { token: "garbage", source: "header" })).toEqual({
      kind: "anonymous-all",
    });
  });
});
