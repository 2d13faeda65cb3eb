// The issuer's signing keys (docs/auth.md §3 step 2): discovery, then the JWKS, cached without expiry so
// an issuer outage never breaks tokens whose key is known; refreshed in the background; an unknown
// `kid` triggers at most one refetch per 30 s. jose's createRemoteJWKSet would expire its cache
// (cacheMaxAge), so the set is fetched here and handed to createLocalJWKSet.

import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import type { Logger } from "../log";
import { ExplorerError } from "../errors";

export interface IssuerMetadata {
  readonly issuer: string;
  readonly jwks_uri: string;
  readonly id_token_signing_alg_values_supported?: readonly string[];
  readonly end_session_endpoint?: string;
}

export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface IssuerKeysOptions {
  readonly issuer: string;
  readonly logger: Logger;
  readonly fetch?: FetchLike;
  readonly now?: () => number;
  /** Minimum time between two refetches caused by unknown key ids. */
  readonly unknownKidCooldownMs?: number;
  readonly refreshIntervalMs?: number;
  readonly timeoutMs?: number;
}

const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^EdDSA$|^Ed25519$|^ES256K$/;

export class IssuerUnavailableError extends ExplorerError<"ERR_ISSUER_UNAVAILABLE"> {
  constructor(message: string, options?: { cause?: unknown }) {
    super("ERR_ISSUER_UNAVAILABLE", message, options);
  }
}

export class IssuerKeys {
  private metadata: IssuerMetadata | undefined;
  private keySet: JWTVerifyGetKey | undefined;
  private lastKidRefetch = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly fetchImpl: FetchLike;
  private readonly now: () => number;

  constructor(private readonly options: IssuerKeysOptions) {
    this.fetchImpl = options.fetch ?? ((url, init) => fetch(url, init));
    this.now = options.now ?? Date.now;
  }

  /** Asymmetric algorithms the issuer signs ID tokens with (never `none`, never HS*). */
  algorithms(): string[] {
    const advertised = this.metadata?.id_token_signing_alg_values_supported ?? ["RS256"];
    const allowed = advertised.filter((a) => ASYMMETRIC.test(a));
    return allowed.length > 0 ? allowed : ["RS256"];
  }

  startBackgroundRefresh(): void {
    if (this.timer) return;
    this.timer = setInterval(
      () => {
        this.refresh().catch((err: unknown) =>
          this.options.logger.warn("JWKS background refresh failed; keeping cached keys", { err: String(err) }),
        );
      },
      this.options.refreshIntervalMs ?? 10 * 60_000,
    );
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A jose key resolver: cached keys first, one rate-limited refetch for an unknown kid. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (!this.keySet) await this.refresh();
    try {
      return await this.keySet!(header, token);
    } catch (err) {
      if (!(err instanceof errors.JWKSNoMatchingKey)) throw err;
      const cooldown = this.options.unknownKidCooldownMs ?? 30_000;
      if (this.now() - this.lastKidRefetch < cooldown) throw err;
      this.lastKidRefetch = this.now();
      await this.refresh().catch(() => {
        throw err;
      });
      return this.keySet!(header, token);
    }
  };

  /** Fetches discovery (when not yet known) and the JWKS; the old keys stay if anything fails. */
  refresh(): Promise<void> {
    this.inflight ??= this.fetchKeys().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchJson(url: string): Promise<unknown> {
    let res: Response;
    try {
      res = await this.fetchImpl(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
    } catch (err) {
      throw new IssuerUnavailableError(`cannot reach ${url}: ${(err as Error).message}`, { cause: err });
    }
    if (!res.ok) throw new IssuerUnavailableError(`${url} answered ${res.status}`);
    return res.json();
  }

  private async fetchKeys(): Promise<void> {
    if (!this.metadata) {
      const issuer = this.options.issuer.replace(/\/$/, "");
      const meta = (await this.fetchJson(`${issuer}/.well-known/openid-configuration`)) as Partial<IssuerMetadata>;
      if (meta.issuer !== this.options.issuer || typeof meta.jwks_uri !== "string") {
        throw new IssuerUnavailableError("discovery document does not match the configured issuer");
      }
      this.metadata = meta as IssuerMetadata;
    }
    const jwks = (await this.fetchJson(this.metadata.jwks_uri)) as JSONWebKeySet;
    if (!jwks || !Array.isArray(jwks.keys)) throw new IssuerUnavailableError("JWKS has no keys array");
    this.keySet = createLocalJWKSet(jwks);
  }
}
