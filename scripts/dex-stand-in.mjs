// An OpenID provider that behaves like Dex for the explorer (issuer under /dex, `groups`, `name`
// and `email` in the ID token, static clients), built on oidc-provider. Used by `npm run demo`
// and by the tests. Its development login form accepts any password for a known user.
import { createServer } from "node:http";
import Provider from "oidc-provider";

/** The demo users; their groups match the demo GroupBindings (README "Demo sign-in"). */
export const DEMO_USERS = {
  alice: { name: "Alice Platform", email: "alice@example.com", groups: ["platform-team"] },
  bob: { name: "Bob Developer", email: "bob@example.com", groups: ["developers"] },
  carol: { name: "Carol Guest", email: "carol@example.com", groups: [] },
  dave: { name: "Dave Auditor", email: "dave@example.com", groups: ["security"] },
};

/**
 * Starts the provider on 127.0.0.1:`port` (0 = any free port) under `/dex`.
 * `clients`: [{ client_id, redirect_uris, post_logout_redirect_uris, client_secret? }].
 */
export async function startDexStandIn({
  port = 0,
  host = "127.0.0.1",
  clients,
  users = DEMO_USERS,
  idTokenTtl = 3600,
} = {}) {
  const server = createServer();
  await new Promise((resolve) => server.listen(port, host, resolve));
  const actualPort = server.address().port;
  const issuer = `http://${host}:${actualPort}/dex`;
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: c.client_secret ? "client_secret_basic" : "none",
      ...c,
    })),
    scopes: ["openid", "profile", "email", "groups", "offline_access"],
    claims: {
      openid: ["sub"],
      profile: ["name", "preferred_username"],
      email: ["email", "email_verified"],
      groups: ["groups"],
    },
    // Dex puts the requested claims into the ID token itself, not only into userinfo.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      // Dex ends the session without asking: submit the provider's logout form at once (with
      // logout=yes, which ends the provider session too), with a button when scripts are off.
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          const yes = form.replace("</form>", '<input type="hidden" name="logout" value="yes"/></form>');
          ctx.type = "html";
          ctx.body = page(
            "Signing out",
            `${yes}<p>Signing you out…</p><noscript><button type="submit" form="op.logoutForm">Continue</button></noscript><script>document.getElementById("op.logoutForm").submit()</script>`,
          );
        },
      },
    },
    pkce: { required: () => true },
    cookies: { keys: ["dex-stand-in-cookie-key-not-secret"] },
    ttl: { IdToken: idTokenTtl, AccessToken: idTokenTtl, Session: 3600, Interaction: 600, Grant: 3600 },
    async findAccount(_ctx, id) {
      const user = users[id];
      if (!user) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            preferred_username: id,
            name: user.name,
            email: user.email,
            email_verified: true,
            groups: user.groups,
          };
        },
      };
    },
    // Dex asks no consent for its static clients: grant what was requested.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope("openid profile email groups offline_access");
      await grant.save();
      return grant;
    },
  });
  provider.proxy = false;
  const callback = provider.callback();
  server.on("request", async (req, res) => {
    if (!req.url.startsWith("/dex")) {
      // Browsers ask every origin for a favicon; an empty answer keeps the console clean.
      res.statusCode = req.url === "/favicon.ico" ? 204 : 404;
      return res.end();
    }
    req.originalUrl = req.url;
    req.url = req.url.slice("/dex".length) || "/";
    // The development login form accepts any name and fails later on a generic error page: check
    // the name here and answer with the form again, saying why. The body read here is handed on
    // as req.body, which oidc-provider uses when the stream is already consumed.
    if (req.method === "POST" && /^\/interaction\/[^/]+$/.test(req.url.split("?")[0])) {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const body = Buffer.concat(chunks).toString("utf8");
      const form = new URLSearchParams(body);
      const login = form.get("login") ?? "";
      if (form.get("prompt") === "login" && !Object.hasOwn(users, login)) {
        res.statusCode = 200;
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.setHeader("cache-control", "no-store");
        return res.end(loginPage(req.originalUrl, login, Object.keys(users)));
      }
      req.body = body;
    }
    callback(req, res);
  });
  return {
    issuer,
    port: actualPort,
    provider,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1rem;background:#f1f5f9;color:#0f172a}main{max-width:22rem;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:1.5rem}
h1{font-size:1.25rem;margin:0 0 1rem}input,button{display:block;width:100%;box-sizing:border-box;margin:.5rem 0;padding:.5rem;font:inherit;border-radius:.375rem;border:1px solid #94a3b8}
button{background:#1d4ed8;color:#fff;border:0;font-weight:600}.error{color:#b91c1c;background:#fef2f2;border:1px solid #fca5a5;border-radius:.375rem;padding:.5rem}</style></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

/** The sign-in form again, with the reason the name was refused. */
function loginPage(action, login, known) {
  return page(
    "Sign-in",
    `<p class="error" role="alert">There is no user “${esc(login)}” here. Demo users: ${known.map(esc).join(", ")} (any password).</p>
<form autocomplete="off" action="${esc(action)}" method="post"><input type="hidden" name="prompt" value="login"/>
<input required type="text" name="login" placeholder="Enter a demo user" value="" autofocus aria-label="User">
<input required type="password" name="password" placeholder="and any password" aria-label="Password">
<button type="submit" class="login login-submit">Sign-in</button></form>`,
  );
}

/**
 * An ID token for `user`, through the provider's own authorization code flow with PKCE and its
 * login form (no browser) — the same claims as a sign-in. For `npm run demo:token` and tests.
 */
export async function issueIdToken(issuer, user, clientId = "opendepot-ui", redirectUri = "http://127.0.0.1/cb") {
  const { createHash, randomBytes } = await import("node:crypto");
  const jar = new Map();
  const store = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
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
    state: randomBytes(8).toString("hex"),
    nonce: randomBytes(8).toString("hex"),
  }).toString();
  let url = authUrl.toString();
  let body;
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, {
      method: body ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: cookie(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      ...(body ? { body } : {}),
    });
    store(res);
    body = undefined;
    const location = res.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.toString().startsWith(redirectUri)) {
        const code = next.searchParams.get("code");
        if (!code) throw new Error(`no code: ${next.searchParams.get("error") ?? next}`);
        const token = await fetch(`${issuer}/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            grant_type: "authorization_code",
            code,
            redirect_uri: redirectUri,
            client_id: clientId,
            code_verifier: verifier,
          }),
        });
        const json = await token.json();
        if (!json.id_token) throw new Error(`no id_token: ${JSON.stringify(json)}`);
        return json.id_token;
      }
      url = next.toString();
      continue;
    }
    const html = await res.text();
    if (html.includes('class="error"')) throw new Error(`unknown user "${user}"`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`unexpected page at ${url}: ${res.status}`);
    url = new URL(action.replace(/&amp;/g, "&"), url).toString();
    body = html.includes('name="login"')
      ? new URLSearchParams({ prompt: "login", login: user, password: "any" }).toString()
      : new URLSearchParams({ prompt: "consent" }).toString();
  }
  throw new Error("too many redirects");
}
