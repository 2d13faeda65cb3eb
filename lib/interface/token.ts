// The explorer's own credential for OpenDepot's download protocol: a bearer token from a file
// (re-read when the file changes, as a projected service-account token is rotated) or from a
// client-credentials grant against the issuer (renewed a minute before it expires).

import { stat, readFile } from "node:fs/promises";
import * as oidc from "openid-client";

export interface TokenProvider {
  /** A bearer token; throws with a reason (never the token) when none can be had. */
  token(): Promise<string>;
}

export class FileToken implements TokenProvider {
  private cached: { key: string; token: string } | undefined;

  constructor(private readonly file: string) {}

  async token(): Promise<string> {
    let key: string;
    try {
      const st = await stat(this.file);
      key = `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch (err) {
      throw new Error(`OPENDEPOT_TOKEN_FILE cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"})`, {
        cause: err,
      });
    }
    if (this.cached?.key === key) return this.cached.token;
    const token = (await readFile(this.file, "utf8")).trim();
    if (token === "") throw new Error("OPENDEPOT_TOKEN_FILE is empty");
    this.cached = { key, token };
    return token;
  }
}

export interface ClientCredentialsOptions {
  readonly issuer: URL;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Plain-http issuers only on loopback hosts (tests, the demo). */
  readonly allowInsecure: boolean;
  readonly scope?: string;
  readonly now?: () => number;
}

const RENEW_BEFORE_MS = 60_000;

export class ClientCredentialsToken implements TokenProvider {
  private config: Promise<oidc.Configuration> | undefined;
  private cached: { token: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly options: ClientCredentialsOptions) {}

  token(): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    if (this.cached && now < this.cached.expiresAt - RENEW_BEFORE_MS) return Promise.resolve(this.cached.token);
    return (this.pending ??= this.grant().finally(() => (this.pending = undefined)));
  }

  private async grant(): Promise<string> {
    const { issuer, clientId, clientSecret, allowInsecure, scope } = this.options;
    this.config ??= oidc
      .discovery(issuer, clientId, clientSecret, oidc.ClientSecretBasic(clientSecret), {
        timeout: 5,
        ...(allowInsecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((err: unknown) => {
        this.config = undefined;
        throw err;
      });
    try {
      const res = await oidc.clientCredentialsGrant(await this.config, scope ? { scope } : {});
      const ttl = (res.expires_in ?? 300) * 1000;
      this.cached = { token: res.access_token, expiresAt: (this.options.now ?? Date.now)() + ttl };
      return res.access_token;
    } catch (err) {
      throw new Error(
        `the client-credentials grant failed (${err instanceof Error ? err.message.slice(0, 200) : "error"})`,
        {
          cause: err,
        },
      );
    }
  }
}
