// Local JWT verification (docs/auth.md §3 steps 2–5) with jose. Failures are values with a reason for
// the audit log; token content never reaches logs or responses.

import { errors, jwtVerify, type JWTPayload } from "jose";
import { ownValue } from "../own";
import { IssuerUnavailableError, type IssuerKeys } from "./issuer-keys";

export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly uiClientId: string;
  readonly groupsClaim: string;
  readonly allowClientCredentials: boolean;
  readonly clientCredentialsClients: readonly string[];
}

export interface VerifiedToken {
  readonly subject: string;
  readonly name?: string;
  readonly email?: string;
  readonly groups: readonly string[];
  readonly expiresAt: number;
  readonly clientCredentials: boolean;
}

export type TokenFailure = { readonly ok: false; readonly reason: string; readonly unavailable?: boolean };
export type TokenResult = ({ readonly ok: true } & VerifiedToken) | TokenFailure;

const CLOCK_SKEW_S = 60;

/** Groups (docs/auth.md §3 step 5): an array of strings, or one string; anything else is no groups. */
function groupsFromClaim(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((g) => typeof g === "string")) return value as string[];
  return [];
}

function reasonOf(err: unknown): string {
  if (err instanceof errors.JWTExpired) return "expired";
  if (err instanceof errors.JWTClaimValidationFailed) return `claim ${err.claim} ${err.reason}`;
  if (err instanceof errors.JOSEAlgNotAllowed) return "algorithm not allowed";
  if (err instanceof errors.JWKSNoMatchingKey) return "unknown signing key";
  if (err instanceof errors.JWSSignatureVerificationFailed) return "bad signature";
  if (err instanceof errors.JOSEError) return err.code;
  return "malformed token";
}

async function verify(token: string, keys: IssuerKeys, settings: OidcSettings, audience?: string[]) {
  const { payload } = await jwtVerify(token, keys.getKey, {
    issuer: settings.issuer,
    ...(audience ? { audience } : {}),
    algorithms: keys.algorithms(),
    clockTolerance: CLOCK_SKEW_S,
    requiredClaims: ["exp", "sub"],
  });
  // jose checks nbf with the tolerance; an iat from the future is checked here.
  if (typeof payload.iat === "number" && payload.iat > Date.now() / 1000 + CLOCK_SKEW_S) {
    throw new errors.JWTClaimValidationFailed("iat in the future", payload, "iat", "check_failed");
  }
  return payload;
}

function identity(payload: JWTPayload, groups: string[], clientCredentials: boolean): VerifiedToken {
  const str = (k: string) => {
    const v = ownValue(payload, k);
    return typeof v === "string" ? v : undefined;
  };
  const name = str("name") ?? str("preferred_username");
  const email = str("email");
  return {
    subject: payload.sub!,
    ...(name !== undefined ? { name } : {}),
    ...(email !== undefined ? { email } : {}),
    groups,
    expiresAt: payload.exp!,
    clientCredentials,
  };
}

export async function verifyToken(token: string, keys: IssuerKeys, settings: OidcSettings): Promise<TokenResult> {
  let firstReason: string;
  try {
    const payload = await verify(token, keys, settings, [settings.clientId, settings.uiClientId]);
    return { ok: true, ...identity(payload, groupsFromClaim(ownValue(payload, settings.groupsClaim)), false) };
  } catch (err) {
    if (err instanceof IssuerUnavailableError) return { ok: false, reason: "issuer unavailable", unavailable: true };
    firstReason = reasonOf(err);
  }
  if (!settings.allowClientCredentials) return { ok: false, reason: firstReason };
  // Machine tokens: a listed client id in aud or azp, and sub equal to that client id.
  try {
    const payload = await verify(token, keys, settings);
    const aud = typeof payload.aud === "string" ? [payload.aud] : (payload.aud ?? []);
    const azp = typeof payload.azp === "string" ? payload.azp : undefined;
    const client = settings.clientCredentialsClients.find((c) => c === payload.sub && (aud.includes(c) || azp === c));
    if (!client) return { ok: false, reason: `${firstReason}; not a listed client-credentials client` };
    return { ok: true, ...identity(payload, [`client:${client}`], true) };
  } catch (err) {
    if (err instanceof IssuerUnavailableError) return { ok: false, reason: "issuer unavailable", unavailable: true };
    return { ok: false, reason: firstReason };
  }
}
