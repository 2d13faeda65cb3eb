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
export async function startDexStandIn({ port = 0, host = "127.0.0.1", clients, users = DEMO_USERS, idTokenTtl = 3600 } = {}) {
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
    claims: { openid: ["sub"], profile: ["name", "preferred_username"], email: ["email", "email_verified"], groups: ["groups"] },
    // Dex puts the requested claims into the ID token itself, not only into userinfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ["dex-stand-in-cookie-key-not-secret"] },
    ttl: { IdToken: idTokenTtl, AccessToken: idTokenTtl, Session: 3600, Interaction: 600, Grant: 3600 },
    async findAccount(_ctx, id) {
      const user = users[id];
      if (!user) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, preferred_username: id, name: user.name, email: user.email, email_verified: true, groups: user.groups };
        },
      };
    },
    // Dex asks no consent for its static clients: grant what was requested.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid profile email groups offline_access");
      await grant.save();
      return grant;
    },
  });
  provider.proxy = false;
  const callback = provider.callback();
  server.on("request", (req, res) => {
    if (!req.url.startsWith("/dex")) {
      res.statusCode = 404;
      return res.end();
    }
    req.originalUrl = req.url;
    req.url = req.url.slice("/dex".length) || "/";
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
