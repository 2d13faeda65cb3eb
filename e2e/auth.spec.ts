// Browser sign-in through the Dex stand-in, sessions, the dev token and the security headers,
// in Debian's Chromium against the built app.

import { expect, test, type Page, type Response } from "@playwright/test";
import { loginForIdToken } from "./support/oidc-login";
import { startStack, type Stack } from "./support/stack";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { startApp } from "./support/app-server";

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => {
  await stack?.stop();
});

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./;

/** Every HTML or JSON body the browser receives, to check that no token or seal leaks. */
function recordBodies(page: Page): () => Promise<string[]> {
  const responses: Response[] = [];
  page.on("response", (r) => {
    const type = r.headers()["content-type"] ?? "";
    if (r.url().startsWith(stack.baseUrl) && (type.includes("html") || type.includes("json"))) responses.push(r);
  });
  return async () => Promise.all(responses.map((r) => r.text().catch(() => "")));
}

async function signIn(page: Page, user: string) {
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill("any-password");
  await page.locator('button[type="submit"], input[type="submit"]').first().click();
}

async function apiNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const res = await fetch("/opendepot/ui/v1/resources?page_size=100");
    return ((await res.json()) as { items: { name: string }[] }).items.map((c) => c.name);
  });
}

test("alice signs in through the provider's form, lands back, and sees her private resources", async ({ page }) => {
  const bodies = recordBodies(page);
  const cspViolations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  const first = await page.goto(`${stack.baseUrl}/?page_size=100`);
  expect(first?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  expect(first?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  await expect(page.getByTestId("resource-list")).not.toContainText("terraform-aws-secret-rotation");

  await signIn(page, "alice");
  await expect(page).toHaveURL(`${stack.baseUrl}/?page_size=100`);
  await expect(page.getByTestId("identity-name")).toHaveText("Alice Platform");
  await expect(page.getByTestId("resource-list")).toContainText("terraform-aws-secret-rotation");
  expect(await apiNames(page)).toContain("team-a-service-mesh");
  const who = await page.evaluate(async () => (await fetch("/opendepot/ui/v1/whoami")).json());
  expect(who).toMatchObject({
    authenticated: true,
    mode: "oidc",
    subject: "alice",
    tokenSource: "session",
    binding: { name: "platform-team" },
  });

  const cookies = await page.context().cookies(stack.baseUrl);
  const session = cookies.find((c) => c.name === "opendepot_session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  for (const body of await bodies()) {
    expect(body).not.toMatch(JWT);
    expect(body).not.toContain("Fe26.2");
  }
  expect(cspViolations).toEqual([]);

  // Sign out: local session gone, provider session ended without a confirmation page (RP-initiated
  // logout as Dex does it), public view again.
  const visited: string[] = [];
  page.on("framenavigated", (f) => f === page.mainFrame() && visited.push(f.url()));
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${stack.baseUrl}/`);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(visited.filter((u) => u.startsWith(stack.dex.issuer)).length).toBeLessThanOrEqual(1);
  expect((await page.context().cookies(stack.baseUrl)).some((c) => c.name.startsWith("opendepot_session"))).toBe(false);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await apiNames(page)).not.toContain("team-a-service-mesh");
  // The provider asks for the password again: its session ended too.
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page.locator('input[name="login"]')).toBeVisible();
});

test("a user whose ID token needs two cookie chunks signs in and out cleanly", async ({ page }) => {
  await page.goto(`${stack.baseUrl}/?page_size=100`);
  await signIn(page, "gina");
  await expect(page.getByTestId("identity-name")).toHaveText("Gina Groups");
  const names = (await page.context().cookies(stack.baseUrl)).map((c) => c.name);
  expect(names).toEqual(expect.arrayContaining(["opendepot_session", "opendepot_session.1"]));
  expect(await apiNames(page)).toContain("team-a-service-mesh");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${stack.baseUrl}/`);
  expect((await page.context().cookies(stack.baseUrl)).filter((c) => c.name.startsWith("opendepot_session"))).toEqual(
    [],
  );
});

test("a pasted dev token for bob gives bob's view; Clear returns to public", async ({ page }) => {
  const bob = await loginForIdToken(stack.dex.issuer, "bob", "opendepot-ui", `${stack.baseUrl}/auth/callback`);
  await page.goto(`${stack.baseUrl}/?page_size=100`);
  await page.getByText("Use a bearer token").click();
  await page.getByLabel("Dev bearer token").fill(bob);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("resource-list")).toContainText("terraform-aws-secret-rotation");
  await expect(page.getByTestId("resource-list")).not.toContainText("team-a-service-mesh");
  const who = await page.evaluate(async () => (await fetch("/opendepot/ui/v1/whoami")).json());
  expect(who).toMatchObject({ subject: "bob", tokenSource: "dev-token", binding: { name: "developers" } });
  expect(await page.content()).not.toContain(bob);
  await page.getByText("Use a bearer token").click();
  await page.getByRole("button", { name: "Clear dev token" }).click();
  await expect(page.getByTestId("resource-list")).not.toContainText("terraform-aws-secret-rotation");
});

test("with the flag off the dev token route is 403 and a stored token is ignored", async ({ page, request }) => {
  const bob = await loginForIdToken(stack.dex.issuer, "bob", "opendepot-ui", `${stack.baseUrl}/auth/callback`);
  await page.goto(`${stack.baseUrl}/?page_size=100`);
  await page.getByText("Use a bearer token").click();
  await page.getByLabel("Dev bearer token").fill(bob);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("resource-list")).toContainText("terraform-aws-secret-rotation");
  // Same host and session key, flag off: cookies ignore ports, so the stored token reaches it.
  const off = await startApp({
    OIDC_ISSUER_URL: stack.dex.issuer,
    OIDC_CLIENT_ID: "opendepot",
    AUTH_ANONYMOUS: "public",
    DEV_TOKEN_INPUT_ENABLED: "false",
    PUBLIC_BASE_URL: "http://127.0.0.1:1",
    SESSION_PASSWORD: stack.sessionPassword,
  });
  try {
    await page.goto(`${off.url}/?page_size=100`);
    await expect(page.getByTestId("resource-list")).not.toContainText("terraform-aws-secret-rotation");
    await expect(page.getByLabel("Dev bearer token")).toHaveCount(0);
    const res = await request.post(`${off.url}/auth/dev-token`, {
      data: { token: bob },
      headers: { origin: "http://127.0.0.1:1" },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toBe("dev token input is disabled");
  } finally {
    await off.stop();
  }
});

test("error paths: tampered state, IdP errors, cross-origin POSTs", async ({ request }) => {
  const bad = await request.get(`${stack.baseUrl}/auth/callback?code=abc&state=tampered`);
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("Sign in again");
  const denied = await request.get(
    `${stack.baseUrl}/auth/callback?error=access_denied&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E`,
    { maxRedirects: 0 },
  );
  expect(denied.status()).toBe(303);
  expect(denied.headers().location).toBe(`${stack.baseUrl}/?auth_error=access_denied`);
  const weird = await request.get(`${stack.baseUrl}/auth/callback?error=%3Cb%3Ex`, { maxRedirects: 0 });
  expect(weird.headers().location).toBe(`${stack.baseUrl}/?auth_error=unknown`);
  for (const path of ["/auth/dev-token", "/auth/logout"]) {
    const res = await request.post(`${stack.baseUrl}${path}`, {
      data: { token: "x" },
      headers: { origin: "http://evil.example" },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
  }
  const logoutGet = await request.get(`${stack.baseUrl}/auth/logout`);
  expect(await logoutGet.text()).toContain('method="post"');
});

test("the IdP error page shows a fixed text, never the IdP's description", async ({ page }) => {
  await page.goto(`${stack.baseUrl}/auth/callback?error=access_denied&error_description=%3Cimg%20src%3Dx%3E%20pwned`);
  await expect(page.getByText("Sign-in was cancelled or access was denied.")).toBeVisible();
  expect(await page.content()).not.toContain("pwned");
});

test("returnTo values that leave the app all end on /", async ({ page }) => {
  await page.goto(`${stack.baseUrl}/?page_size=100`);
  await signIn(page, "carol");
  await expect(page.getByTestId("identity-name")).toHaveText("Carol Guest");
  for (const returnTo of [
    "//evil.example",
    "/%09/evil.example",
    "/\\evil.example",
    "https://evil.example",
    "/auth/logout",
  ]) {
    // The provider session is live, so the round trip completes without a form.
    await page.goto(`${stack.baseUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
    await expect(page).toHaveURL(`${stack.baseUrl}/`);
  }
});

test("sign-in answers 503 when the provider is down", async ({ request }) => {
  const down = await startApp({
    OIDC_ISSUER_URL: "http://127.0.0.1:9/dex",
    OIDC_CLIENT_ID: "opendepot",
    AUTH_ANONYMOUS: "public",
    PUBLIC_BASE_URL: "http://127.0.0.1:2",
    SESSION_PASSWORD: stack.sessionPassword,
  });
  try {
    const res = await request.get(`${down.url}/auth/login`, { maxRedirects: 0 });
    expect(res.status()).toBe(503);
    expect(await res.text()).toContain("cannot be reached");
  } finally {
    await down.stop();
  }
});

test("pages that get 401 redirect to sign-in once, then explain (loop breaker)", async ({ request }) => {
  const strict = await startApp({
    OIDC_ISSUER_URL: stack.dex.issuer,
    OIDC_CLIENT_ID: "opendepot",
    AUTH_ANONYMOUS: "none",
    PUBLIC_BASE_URL: "http://127.0.0.1:3",
    SESSION_PASSWORD: stack.sessionPassword,
  });
  try {
    const first = await request.get(`${strict.url}/?tab=x`, { maxRedirects: 0 });
    expect(first.status()).toBe(307);
    expect(first.headers().location).toBe("/auth/login?reason=unauthorized&returnTo=%2F%3Ftab%3Dx");
    const login = await request.get(`${strict.url}${first.headers().location}`, { maxRedirects: 0 });
    expect(login.headers()["set-cookie"]).toContain("opendepot_401=1");
    // The request context now holds the loop breaker: the page explains instead of redirecting.
    const again = await request.get(`${strict.url}/?tab=x`, { maxRedirects: 0 });
    expect(again.status()).toBe(200);
    expect(await again.text()).toContain("Your credentials were not accepted");
    const api = await request.get(`${strict.url}/opendepot/ui/v1/resources`);
    expect(api.status()).toBe(401);
    expect(api.headers()["www-authenticate"]).toBe("Bearer");
  } finally {
    await strict.stop();
  }
});

test("npm run demo:token -- bob prints a token the dev token form accepts as bob", async ({ page }) => {
  const { stdout } = await promisify(execFile)(process.execPath, ["scripts/demo-token.mjs", "bob"], {
    env: { ...process.env, DEMO_IDP_PORT: new URL(stack.dex.issuer).port, PUBLIC_BASE_URL: stack.baseUrl },
  });
  const token = stdout.trim();
  expect(token).toMatch(JWT);
  await page.goto(`${stack.baseUrl}/?page_size=100`);
  await page.getByText("Use a bearer token").click();
  await page.getByLabel("Dev bearer token").fill(token);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("resource-list")).toContainText("terraform-aws-secret-rotation");
  const who = await page.evaluate(async () => (await fetch("/opendepot/ui/v1/whoami")).json());
  expect(who).toMatchObject({ subject: "bob", tokenSource: "dev-token", groups: ["developers"] });
});

test("the demo provider's login form rejects an unknown user on the form", async ({ page }) => {
  await page.goto(`${stack.baseUrl}/`);
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.locator('input[name="login"]').fill("mallory");
  await page.locator('input[name="password"]').fill("x");
  await page.locator('button[type="submit"]').first().click();
  await expect(page.getByRole("alert")).toContainText("There is no user “mallory”");
  await page.locator('input[name="login"]').fill("carol");
  await page.locator('input[name="password"]').fill("x");
  await page.locator('button[type="submit"]').first().click();
  await expect(page.getByTestId("identity-name")).toHaveText("Carol Guest");
});
