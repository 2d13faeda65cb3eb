// The built app with real tokens from the Dex stand-in carrying a thousand groups, and
// GroupBindings at and past the expression limits: every request answers (never 500), a token
// past OIDC_MAX_GROUPS or past the evaluation budget gets the public view, and a binding that
// cannot compile fails closed with a single WARN. How long such a request takes is measured in
// the benchmark (`npm run bench`, "Hostile tokens"), not asserted here.

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
const groups = (n: number) => Array.from({ length: n }, (_, i) => `g${String(i).padStart(4, "0")}`);
const binding = (name: string, expression: string) =>
  `---\napiVersion: ${G}\nkind: GroupBinding\nmetadata: {name: ${name}, namespace: opendepot-system}\nspec: {expression: ${JSON.stringify(expression)}, moduleResources: ["*"], providerResources: []}\n`;

let dir: string;
let dex: { issuer: string; stop(): Promise<void> };
let app: RunningApp;
const tokens = new Map<string, string>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "od-tokens-"));
  await writeFile(
    path.join(dir, "registry.yaml"),
    `apiVersion: v1\nkind: Namespace\nmetadata: {name: platform, labels: ${PUB}}\n` +
      `---\napiVersion: ${G}\nkind: Module\nmetadata: {name: open, namespace: platform, labels: ${PUB}}\nspec: {moduleConfig: {provider: aws}}\n` +
      `---\napiVersion: ${G}\nkind: Module\nmetadata: {name: private, namespace: platform}\nspec: {moduleConfig: {provider: aws}}\n`,
  );
  // Evaluated first (name order): nested predicates, quadratic in the groups.
  await writeFile(
    path.join(dir, "bindings.yaml"),
    binding("a-nested", 'any(groups, any(groups, # == "nobody"))') +
      binding("b-developers", '"developers" in groups or "g0999" in groups'),
  );
  const users = {
    dev: { name: "Dev", email: "dev@example.com", groups: ["developers"] },
    thousand: { name: "Many", email: "many@example.com", groups: groups(1000) },
    over: { name: "Over", email: "over@example.com", groups: groups(1001) },
  };
  dex = await startDexStandIn({
    clients: [{ client_id: "opendepot-ui", redirect_uris: ["http://127.0.0.1/cb"] }],
    users,
  });
  app = await startApp({
    REGISTRY_PATH: dir,
    OIDC_ISSUER_URL: dex.issuer,
    OIDC_CLIENT_ID: "opendepot",
    AUTH_ANONYMOUS: "public",
    PUBLIC_BASE_URL: "http://127.0.0.1:9",
    SESSION_PASSWORD: "a-session-password-for-the-http-tests-0123",
  });
  for (const user of Object.keys(users)) tokens.set(user, await loginForIdToken(dex.issuer, user));
});
afterAll(async () => {
  await app?.stop();
  await dex?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function names(user: string): Promise<string[]> {
  const res = await fetch(`${app.url}/opendepot/ui/v1/resources`, {
    headers: { authorization: `Bearer ${tokens.get(user)}` },
  });
  expect(res.status, user).toBe(200);
  return ((await res.json()) as { items: { name: string }[] }).items.map((c) => c.name);
}

describe("tokens with many groups and bindings past the limits", () => {
  it("stops a quadratic binding for a thousand groups (public view) and still evaluates it for a few", async () => {
    expect(await names("dev")).toEqual(["open", "private"]);
    // 1,000 groups: the nested binding spends the budget before the next binding is reached.
    expect(await names("thousand")).toEqual(["open"]);
    expect(await names("over")).toEqual(["open"]);
    const page = await fetch(`${app.url}/`, { headers: { authorization: `Bearer ${tokens.get("thousand")}` } });
    expect(page.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(app.output()).toContain('"event":"too_many_groups"');
    expect(app.output()).toContain("evaluation budget exceeded");
  });

  it("fails closed on a binding past the expression limits, with one WARN however many requests", async () => {
    const huge = Array.from({ length: 3000 }, (_, i) => `"g${i}" in groups`).join(" or ");
    await writeFile(
      path.join(dir, "bindings.yaml"),
      binding("a-huge", huge) + binding("b-developers", '"developers" in groups'),
    );
    const deadline = Date.now() + 5000;
    while ((await names("dev")).includes("private")) {
      if (Date.now() > deadline) throw new Error("the new bindings were not applied");
      await new Promise((r) => setTimeout(r, 100));
    }
    for (let i = 0; i < 5; i++) {
      expect(await names("dev")).toEqual(["open"]);
      expect(
        (await fetch(`${app.url}/stats`, { headers: { authorization: `Bearer ${tokens.get("dev")}` } })).status,
      ).toBe(200);
    }
    const warnings = app
      .output()
      .split("\n")
      .filter((l) => l.includes('"event":"expression_invalid"'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"binding":"a-huge"');
  });
});
