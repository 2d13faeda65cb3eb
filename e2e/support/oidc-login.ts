// Signs a user in at the Dex stand-in without a browser and returns the ID token, for API-level
// tests: the same flow as `npm run demo:token` (scripts/dex-stand-in.mjs).

// @ts-expect-error -- plain ESM script shared with `npm run demo`
import { issueIdToken } from "../../scripts/dex-stand-in.mjs";

export async function loginForIdToken(
  issuer: string,
  user: string,
  clientId = "opendepot-ui",
  redirectUri = "http://127.0.0.1/cb",
): Promise<string> {
  return (issueIdToken as (i: string, u: string, c: string, r: string) => Promise<string>)(
    issuer,
    user,
    clientId,
    redirectUri,
  );
}
