// Signs a user in at the Dex stand-in without a browser (authorization code + PKCE through the
// provider's own login form) and returns the ID token, for API-level tests.

import { createHash, randomBytes } from "node:crypto";

function cookieJar() {
  const jar = new Map<string, string>();
  return {
    store(res: Response) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const i = pair!.indexOf("=");
        jar.set(pair!.slice(0, i), pair!.slice(i + 1));
      }
    },
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
  };
}

export async function loginForIdToken(issuer: string, user: string, clientId = "opendepot-ui", redirectUri = "http://127.0.0.1/cb"): Promise<string> {
  const jar = cookieJar();
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const authUrl = new URL(`${issuer}/auth`);
  authUrl.search = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: "openid profile email groups",
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "s",
    nonce: "n",
  }).toString();
  let url = authUrl.toString();
  let body: string | undefined;
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, {
      method: body ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: jar.header(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      ...(body ? { body } : {}),
    });
    jar.store(res);
    body = undefined;
    const location = res.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.toString().startsWith(redirectUri)) {
        const code = next.searchParams.get("code");
        if (!code) throw new Error(`no code: ${next}`);
        const token = await fetch(`${issuer}/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier }),
        });
        const json = (await token.json()) as { id_token?: string };
        if (!json.id_token) throw new Error(`no id_token: ${JSON.stringify(json)}`);
        return json.id_token;
      }
      url = next.toString();
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`unexpected page at ${url}: ${res.status}`);
    url = new URL(action.replace(/&amp;/g, "&"), url).toString();
    body = html.includes('name="login"') ? new URLSearchParams({ prompt: "login", login: user, password: "any" }).toString() : new URLSearchParams({ prompt: "consent" }).toString();
  }
  throw new Error("too many redirects");
}
