// The built app pointed at a real OpenID provider (oidc-provider under /dex, behaving like Dex):
// each user sees exactly what their GroupBinding grants.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM script shared with `npm run demo`
import { startDexStandIn } from "../../scripts/dex-stand-in.mjs";
import { startApp, type RunningApp } from "../support/app-server";
import { loginForIdToken } from "../support/oidc-login";

const G = "opendepot.defdev.io/v1alpha1";
const PUB = '{opendepot.defdev.io/public: "true"}';
const mod = (ns: string, name: string, pub: boolean) =>
  `---\napiVersion: ${G}\nkind: Module\nmetadata: {name: ${name}, namespace: ${ns}${pub ? `, labels: ${PUB}` : ""}}\nspec: {moduleConfig: {provider: aws}}\n`;
const binding = (name: string, expression: string, modules: string[], providers: string[]) =>
  `---\napiVersion: ${G}\nkind: GroupBinding\nmetadata: {name: ${name}, namespace: opendepot-system}\nspec: {expression: ${JSON.stringify(expression)}, moduleResources: ${JSON.stringify(modules)}, providerResources: ${JSON.stringify(providers)}}\n`;

let dir: string;
let dex: { issuer: string; stop(): Promise<void> };
let app: RunningApp;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "od-oidc-"));
  await writeFile(
    path.join(dir, "registry.yaml"),
    `apiVersion: v1\nkind: Namespace\nmetadata: {name: platform, labels: ${PUB}}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}\n` +
      mod("platform", "terraform-aws-vpc", true) +
      mod("team-a", "terraform-aws-secret", false) +
      mod("team-a", "internal-tool", false) +
      binding("developers", '"developers" in groups', ["terraform-aws-*"], []) +
      binding("platform-team", 'any(groups, # == "platform-team")', ["*"], ["*"]),
  );
  dex = await startDexStandIn({ clients: [{ client_id: "opendepot-ui", redirect_uris: ["http://127.0.0.1/cb"] }] });
  app = await startApp({
    REGISTRY_PATH: dir,
    OIDC_ISSUER_URL: dex.issuer,
    OIDC_CLIENT_ID: "opendepot",
    AUTH_ANONYMOUS: "public",
    PUBLIC_BASE_URL: "http://127.0.0.1:9",
    SESSION_PASSWORD: "a-session-password-for-the-http-tests-0123",
  });
});
afterAll(async () => {
  await app?.stop();
  await dex?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function names(token?: string) {
  const res = await fetch(`${app.url}/opendepot/ui/v1/resources`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { name: string }[] }).items.map((c) => c.name);
}

describe("OIDC gate against a real provider", () => {
  it("serves each user exactly what their binding grants", async () => {
    const [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((u) => loginForIdToken(dex.issuer, u)));
    expect(await names()).toEqual(["terraform-aws-vpc"]);
    expect(await names(alice)).toEqual(["internal-tool", "terraform-aws-secret", "terraform-aws-vpc"]);
    expect(await names(bob)).toEqual(["terraform-aws-secret", "terraform-aws-vpc"]);
    expect(await names(carol)).toEqual(["terraform-aws-vpc"]);
    const who = await (
      await fetch(`${app.url}/opendepot/ui/v1/whoami`, { headers: { authorization: `Bearer ${bob}` } })
    ).json();
    expect(who).toMatchObject({
      authenticated: true,
      mode: "oidc",
      subject: "bob",
      name: "Bob Developer",
      email: "bob@example.com",
      groups: ["developers"],
      binding: {
        name: "developers",
        namespace: "opendepot-system",
        moduleResources: ["terraform-aws-*"],
        providerResources: [],
      },
      allAccess: false,
      tokenSource: "header",
    });
    expect(JSON.stringify(who)).not.toContain(bob);
  });

  it("answers 401 with WWW-Authenticate for an invalid or malformed credential, never public", async () => {
    const bad = await fetch(`${app.url}/opendepot/ui/v1/resources`, { headers: { authorization: "Bearer not-a-jwt" } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    expect(await bad.json()).toEqual({ error: { code: "unauthorized", message: "invalid token" } });
    const basic = await fetch(`${app.url}/opendepot/ui/v1/stats`, { headers: { authorization: "Basic YTpi" } });
    expect(basic.status).toBe(401);
    const whoami = await fetch(`${app.url}/opendepot/ui/v1/whoami`, { headers: { authorization: "Bearer " } });
    expect(whoami.status).toBe(401);
  });
});

describe("sign-in callback with a state it did not issue", () => {
  const setCookies = (res: Response) => res.headers.getSetCookie();

  it("answers 400 for prototype-named and unknown states, exchanges nothing and sets no session", async () => {
    // A real pending sign-in in the browser, so the cookie holds a sealed map.
    const login = await fetch(`${app.url}/auth/login`, { redirect: "manual" });
    expect(login.status).toBe(302);
    const pending = setCookies(login)
      .find((c) => c.startsWith("opendepot_oidc="))!
      .split(";")[0]!;
    const issued = new URL(login.headers.get("location")!).searchParams.get("state")!;
    for (const state of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "unknown-state", ""]) {
      for (const cookie of [undefined, pending]) {
        const res = await fetch(`${app.url}/auth/callback?state=${encodeURIComponent(state)}&code=attacker-code`, {
          redirect: "manual",
          headers: cookie ? { cookie } : {},
        });
        expect(res.status, `${state} ${cookie ? "with" : "without"} a pending sign-in`).toBe(400);
        expect(await res.text()).toContain("did not match a sign-in started here");
        expect(setCookies(res).some((c) => c.startsWith("opendepot_session=") && !/Max-Age=0/i.test(c))).toBe(false);
        // The browser's real pending sign-in survives the forged callback.
        if (cookie)
          expect(setCookies(res).find((c) => c.startsWith("opendepot_oidc="))).toMatch(/^opendepot_oidc=[^;]+;/);
      }
    }
    expect(issued).not.toBe("");
  });
});
