// The pages on the demo registry, in Debian's Chromium: data, URL state, no full reloads where the
// spec says so, keyboard use of the graph, stats equal to the API, the signed-in view. Widths,
// themes, axe and screenshots: ui-matrix.spec.ts.

import { expect, test, type Page } from "@playwright/test";
import { startStack, type Stack } from "./support/stack";

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => {
  await stack?.stop();
});

const url = (p: string) => `${stack.baseUrl}${p}`;

async function markWindow(page: Page) {
  await page.evaluate(() => ((window as unknown as { __noReload: number }).__noReload = 1));
}
async function stillSameDocument(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload)).toBe(1);
}

test("Registry: demo data, filters and sort in the URL, chips, pagination", async ({ page }) => {
  await page.goto(url("/"));
  await expect(page).toHaveTitle(/Registry · OpenDepot Registry Explorer/);
  await expect(page.getByTestId("result-count")).toHaveText("38 results");
  await expect(page.getByTestId("resource-card")).toHaveCount(20);
  await page.getByLabel("Kind").selectOption("provider");
  await expect(page).toHaveURL(/kind=provider/);
  await expect(page.getByTestId("result-count")).toHaveText("8 results");
  await expect(page.getByTestId("resource-list")).not.toContainText("Module");
  await page.getByLabel("Sort by").selectOption("downloads");
  await expect(page).toHaveURL(/sort_by=downloads/);
  await page.getByRole("button", { name: /Sort direction/ }).click();
  await expect(page).toHaveURL(/sort_dir=desc/);
  await page.getByRole("link", { name: /Remove filter Kind provider/ }).click();
  await expect(page.getByTestId("result-count")).toHaveText("38 results");
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await page.getByLabel("Search modules and providers").fill("vpc");
  await page.getByLabel("Search modules and providers").press("Enter");
  await expect(page).toHaveURL(/q=vpc/);
  await expect(page.getByTestId("resource-list")).toContainText("terraform-aws-vpc");
});

test("Registry filters: one parameter per change, defaults left out, focus kept, Back shows the old state", async ({
  page,
}) => {
  await page.goto(url("/?namespace=platform&namespace=shared&page=2"));
  const sort = page.getByLabel("Sort by");
  await sort.selectOption("downloads");
  await expect(page).toHaveURL(url("/?namespace=platform&namespace=shared&sort_by=downloads"));
  await expect(sort).toBeFocused();
  await expect(page.getByLabel("Namespace", { exact: true })).toHaveValue("__several");
  await sort.selectOption("name");
  await expect(page).toHaveURL(url("/?namespace=platform&namespace=shared"));
  await expect(page.getByRole("button", { name: "More filters" })).toHaveAttribute("aria-expanded", "false");
  await page.getByRole("button", { name: "More filters" }).click();
  await page.getByRole("checkbox", { name: "Public only" }).check();
  await expect(page).toHaveURL(url("/?namespace=platform&namespace=shared&public_only=true"));
  await expect(page.getByRole("checkbox", { name: "Public only" })).toBeFocused();
  await expect(page.getByRole("button", { name: "Fewer filters (1)" })).toHaveAttribute("aria-expanded", "true");
  await page.goBack();
  await expect(page).toHaveURL(url("/?namespace=platform&namespace=shared"));
  // "More filters" is closed again (nothing behind it is set): the box is there, hidden.
  await expect(page.locator("#filter-public-only")).not.toBeChecked();
  await expect(sort).toHaveValue("name");
});

test("a filter change made before the page's script ran still puts focus back on the page it asked for", async ({
  page,
}) => {
  await page.goto(url("/"));
  // What a change leaves for the next page when it beats this page's own effect (a select changed
  // before hydration): this page must leave it alone, the page it asked for must use it.
  await page.evaluate(() =>
    sessionStorage.setItem(
      "filter-form:focus",
      JSON.stringify({ id: "filter-sort", at: "/?sort_by=downloads", t: Date.now() }),
    ),
  );
  await page.reload();
  await expect(page.getByLabel("Sort by")).not.toBeFocused();
  await page.goto(url("/?sort_by=downloads"));
  await expect(page.getByLabel("Sort by")).toBeFocused();
  await page.reload();
  await expect(page.getByLabel("Sort by")).not.toBeFocused();
});

test("Detail: README, usage snippet, versions table and findings switch without reloads", async ({ page }) => {
  await page.goto(url("/platform/module/terraform-aws-vpc"));
  await expect(page).toHaveTitle(/terraform-aws-vpc · platform/);
  await expect(page.getByRole("heading", { level: 1, name: "terraform-aws-vpc" })).toBeVisible();
  await expect(page.getByTestId("usage-hcl")).toContainText(
    `source  = "${new URL(stack.baseUrl).host}/platform/terraform-aws-vpc/aws"`,
  );
  await expect(page.locator(".readme h3", { hasText: "Inputs" })).toBeVisible();
  await markWindow(page);
  const count = page.getByTestId("versions-count");
  const total = Number((await count.textContent())!.split(" ")[0]);
  await page.getByLabel("Filter versions by sync state").selectOption("true");
  await expect(page).toHaveURL(/v_synced=true/);
  await expect(count).not.toHaveText(`${total} version rows`);
  await page.getByLabel("Filter versions by sync state").selectOption("");
  await page.getByLabel("Versions per page").selectOption("10");
  await expect(page.getByTestId("versions-table").locator("tbody tr")).toHaveCount(10);
  await page.getByRole("navigation", { name: "Versions pagination" }).getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/v_page=2/);
  await stillSameDocument(page);

  // Findings: switch to a clean scanned version and back; the selector never disappears.
  const api = await page.evaluate(async () =>
    (await fetch("/opendepot/ui/v1/resources/platform/module/terraform-aws-vpc/scan-findings")).json(),
  );
  let clean: string | undefined;
  for (const v of api.scannedVersions as string[]) {
    const r = await page.evaluate(
      async (ver) =>
        (
          await fetch(`/opendepot/ui/v1/resources/platform/module/terraform-aws-vpc/scan-findings?version=${ver}`)
        ).json(),
      v,
    );
    if ((r.sourceScanFindings ?? []).length === 0) clean = v;
  }
  const selector = page.getByTestId("findings-version");
  const first = await selector.inputValue();
  if (clean) {
    await selector.selectOption(clean);
    await expect(page.getByTestId("findings")).toContainText("the scan is clean");
    await expect(selector).toBeVisible();
  }
  const other = (api.scannedVersions as string[]).find((v) => v !== clean && v !== first) ?? first;
  await selector.selectOption(other);
  await expect(page).toHaveURL(new RegExp(`f_version=${other.replace(/\./g, "\\.")}`));
  await selector.selectOption(first);
  await expect(selector).toHaveValue(first);
  // Refresh reads the findings again, although the answer on screen is fresh.
  const refreshed = page.waitForResponse((r) => r.url().includes("/scan-findings") && r.request().method() === "GET");
  await page.getByRole("button", { name: "Refresh scan findings" }).click();
  expect((await refreshed).ok()).toBe(true);
  await expect(page.getByRole("button", { name: "Refresh scan findings" })).toBeEnabled();
  await expect(selector).toHaveValue(first);
  await stillSameDocument(page);
});

test("Depots: graph opens a node's panel by click and by keyboard; list view", async ({ page }) => {
  await page.goto(url("/depots"));
  await expect(page).toHaveTitle(/Depots/);
  const canvas = page.getByTestId("graph-canvas");
  await expect(canvas.getByRole("button", { name: /depot platform\/platform-depot/ })).toBeVisible();
  await canvas.getByRole("button", { name: /depot platform\/platform-depot/ }).click();
  await expect(page.getByTestId("node-panel")).toContainText("platform-depot");
  await page.getByRole("button", { name: "Close details" }).click();
  await page.getByLabel("Find a node").fill("terraform-aws-eks");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  const node = canvas.getByRole("button", { name: /module platform\/terraform-aws-eks/ });
  await expect(node).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("node-panel")).toContainText("terraform-aws-eks");
  await page.getByRole("button", { name: "List" }).click();
  await expect(page).toHaveURL(/view=list/);
  await expect(page.getByTestId("depot-list")).toContainText("Depot platform/platform-depot");
  await page.getByLabel("Filter depots by namespace").selectOption("shared");
  await expect(page).toHaveURL(/namespace=shared/);
  await expect(page.getByTestId("depot-list")).not.toContainText("platform-depot");
});

test("Stats: numbers equal the API's", async ({ page }) => {
  await page.goto(url("/stats"));
  const api = await page.evaluate(async () => (await fetch("/opendepot/ui/v1/stats")).json());
  const n = (x: number) => new Intl.NumberFormat("en").format(x);
  await expect(page.getByTestId("stat-modules")).toHaveText(n(api.totalModules));
  await expect(page.getByTestId("stat-providers")).toHaveText(n(api.totalProviders));
  await expect(page.getByTestId("stat-versions")).toHaveText(n(api.totalVersions));
  await expect(page.getByTestId("stat-depots")).toHaveText(n(api.totalDepots));
  await expect(page.getByTestId("stat-downloads")).toHaveText(n(api.totalDownloads));
  await expect(page.getByTestId("severity-critical")).toContainText(n(api.securityPosture.critical));
  await expect(page.getByTestId("affected")).toContainText(n(api.securityPosture.totalAffectedResources));
  await expect(page.getByTestId("most-downloaded").locator("tbody tr")).toHaveCount(api.mostDownloaded.length);
  await page.getByTestId("severity-high").click();
  await expect(page).toHaveURL(/severity=HIGH/);
});

test("the signed-in view shows more than the public one", async ({ page }) => {
  await page.goto(url("/"));
  await expect(page.getByTestId("result-count")).toHaveText("38 results");
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.locator('input[name="login"]').fill("alice");
  await page.locator('input[name="password"]').fill("x");
  await page.locator('button[type="submit"], input[type="submit"]').first().click();
  await expect(page.getByTestId("result-count")).toHaveText("49 results");
  await page.goto(url("/stats"));
  const api = await page.evaluate(async () => (await fetch("/opendepot/ui/v1/stats")).json());
  expect(api.totalModules).toBeGreaterThan(30);
});

test("404 for unknown paths and invisible resources; Who am I explains the view", async ({ page }) => {
  const res = await page.goto(url("/team-a/module/terraform-aws-secret-rotation"));
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await page.locator("summary", { hasText: "Who am I?" }).click();
  await expect(page.getByTestId("whoami")).toContainText("Not signed in");
  await page.goto(url("/"));
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.locator('input[name="login"]').fill("bob");
  await page.locator('input[name="password"]').fill("x");
  await page.locator('button[type="submit"], input[type="submit"]').first().click();
  await page.locator("summary", { hasText: "Who am I?" }).click();
  await expect(page.getByTestId("whoami")).toContainText("opendepot-system/developers grants modules terraform-aws-*");
  const visible = await page.goto(url("/team-a/module/terraform-aws-secret-rotation"));
  expect(visible?.status()).toBe(200);
});
