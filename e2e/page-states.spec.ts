// Honest page states: a credential the gate rejects (a stored dev token; a session once the loop
// breaker has fired) shows "not accepted" with what to do on every page, and keeps the
// navigation; a rejected dev token is explained on the form and never stored; 404 offers Sign in.

import { expect, test, type Page } from "@playwright/test";
import { DEV_TOKEN_COOKIE, LOOP_BREAKER_COOKIE, SESSION_COOKIE, sealSession, sealValue } from "../lib/auth/session";
import { loginForIdToken } from "./support/oidc-login";
import { startStack, type Stack } from "./support/stack";

let stack: Stack;
let badToken: string;
test.beforeAll(async () => {
  stack = await startStack();
  // A real ID token with its signature spoiled: well-formed, and rejected by the gate.
  const bob = await loginForIdToken(stack.dex.issuer, "bob", "opendepot-ui", `${stack.baseUrl}/auth/callback`);
  badToken = `${bob.slice(0, -6)}AAAAAA`;
});
test.afterAll(async () => {
  await stack?.stop();
});

const PAGES = ["/", "/?q=vpc", "/platform/module/terraform-aws-vpc", "/platform/provider/aws", "/depots", "/stats"];

async function expectNavigationKept(page: Page) {
  const main = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Registry", "Depots", "Stats"]) await expect(main.getByRole("link", { name })).toBeVisible();
  // The public namespaces stay in the sidebar while the credential fails.
  await expect(page.getByRole("navigation", { name: "Namespaces" })).toContainText("platform");
}

test("a stored dev token the gate rejects: every page says so, offers to clear it, keeps the navigation", async ({
  page,
  context,
}) => {
  await context.addCookies([
    {
      name: DEV_TOKEN_COOKIE,
      value: await sealValue({ token: badToken }, stack.sessionPassword, 3600),
      url: stack.baseUrl,
    },
  ]);
  for (const path of PAGES) {
    const res = await page.goto(`${stack.baseUrl}${path}`);
    expect(res?.url(), path).toBe(`${stack.baseUrl}${path}`);
    await expect(page.getByTestId("page-state"), path).toContainText("Your credentials were not accepted");
    await expect(page.getByTestId("page-state"), path).not.toContainText("loading");
    await expectNavigationKept(page);
  }
  await page.getByRole("button", { name: "Clear the dev token" }).click();
  await expect(page.getByTestId("stat-modules")).toBeVisible();
  expect((await context.cookies(stack.baseUrl)).some((c) => c.name === DEV_TOKEN_COOKIE)).toBe(false);
});

test("a session whose token the gate rejects, once the loop breaker fired: not accepted, Sign in again", async ({
  page,
  context,
}) => {
  const [chunk] = await sealSession(
    { idToken: badToken, expiresAt: Math.floor(Date.now() / 1000) + 3600, name: "Bob Developer" },
    stack.sessionPassword,
    3600,
  );
  await context.addCookies([
    { name: SESSION_COOKIE, value: chunk!, url: stack.baseUrl },
    { name: LOOP_BREAKER_COOKIE, value: "1", url: stack.baseUrl },
  ]);
  for (const path of PAGES) {
    await page.goto(`${stack.baseUrl}${path}`);
    await expect(page.getByTestId("page-state"), path).toContainText("Your credentials were not accepted");
    await expect(page.getByTestId("page-state").getByRole("link", { name: "Sign in again" }), path).toHaveAttribute(
      "href",
      `/auth/login?returnTo=${encodeURIComponent(path)}`,
    );
    await expectNavigationKept(page);
  }
});

test("saving a token the gate rejects explains it on the form, stores nothing and stays on the page", async ({
  page,
  context,
}) => {
  await page.goto(`${stack.baseUrl}/stats`);
  await page.getByText("Use a bearer token").click();
  await page.getByLabel("Dev bearer token").fill(badToken);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(`${stack.baseUrl}/stats?dev_token_error=rejected`);
  await expect(page.getByTestId("dev-token").getByRole("alert")).toContainText("That token was not accepted");
  await expect(page.getByLabel("Dev bearer token")).toBeVisible();
  await expect(page.getByTestId("stat-modules")).toBeVisible();
  expect((await context.cookies(stack.baseUrl)).some((c) => c.name === DEV_TOKEN_COOKIE)).toBe(false);
  // The JSON form of the same request says 401 and stores nothing either.
  const res = await page.request.post(`${stack.baseUrl}/auth/dev-token`, {
    data: { token: badToken },
    headers: { origin: stack.baseUrl },
  });
  expect(res.status()).toBe(401);
});

test("404 for a resource you may not see offers Sign in when signed out, and the way back", async ({ page }) => {
  const res = await page.goto(`${stack.baseUrl}/team-a/module/terraform-aws-secret-rotation`);
  expect(res?.status()).toBe(404);
  const state = page.getByTestId("page-state");
  await expect(state.getByRole("link", { name: "Sign in" })).toHaveAttribute(
    "href",
    "/auth/login?returnTo=%2Fteam-a%2Fmodule%2Fterraform-aws-secret-rotation",
  );
  await expect(state.getByRole("link", { name: "Back to the registry" })).toBeVisible();
});
