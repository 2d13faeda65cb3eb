// openid-client v6 for browser sign-in: discovery cached per process (refetched after a failure),
// PKCE S256, state and nonce. Plain-http issuers are allowed only on loopback hosts.

import "server-only";
import * as oidc from "openid-client";
import { isLoopback, type OidcConfig } from "../config";
import { ExplorerError } from "../errors";

export class ProviderUnavailableError extends ExplorerError<"ERR_PROVIDER_UNAVAILABLE"> {
  constructor(message: string, options?: { cause?: unknown }) {
    super("ERR_PROVIDER_UNAVAILABLE", message, options);
  }
}

const holder = globalThis as typeof globalThis & {
  __opendepotOidc?: { key: string; config: Promise<oidc.Configuration> };
};

export function oidcConfiguration(cfg: OidcConfig): Promise<oidc.Configuration> {
  const key = `${cfg.issuer}\u0000${cfg.uiClientId}`;
  const cached = holder.__opendepotOidc;
  if (cached && cached.key === key) return cached.config;
  const issuer = new URL(cfg.issuer);
  const config = oidc
    .discovery(
      issuer,
      cfg.uiClientId,
      cfg.clientSecret,
      cfg.clientSecret ? oidc.ClientSecretBasic(cfg.clientSecret) : oidc.None(),
      {
        timeout: 5,
        // openid-client refuses http issuers unless told; only loopback (the demo, tests) gets that.
        ...(issuer.protocol === "http:" && isLoopback(issuer.hostname)
          ? { execute: [oidc.allowInsecureRequests] }
          : {}),
      },
    )
    .then((c) => {
      // Verify the ID token's signature too, not only its claims.
      oidc.enableNonRepudiationChecks(c);
      return c;
    })
    .catch((err: unknown) => {
      holder.__opendepotOidc = undefined; // refetch on the next attempt
      throw new ProviderUnavailableError(`identity provider unavailable: ${(err as Error).message}`, { cause: err });
    });
  holder.__opendepotOidc = { key, config };
  return config;
}

export { oidc };
