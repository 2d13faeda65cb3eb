// The shell: the current page is marked, the desktop sidebar collapses and remembers it across a
// reload, and on a phone a top bar carries the product name, search and menu while the Registry
// filters wait behind a Filters button.

import { expect, test } from "@playwright/test";
import { startStack, type Stack } from "./support/stack";
import { screenshot } from "./support/ui";

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => {
  await stack?.stop();
});

test("aria-current marks the current page only", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  for (const [path, current] of [
    ["/", "Registry"],
    ["/depots", "Depots"],
    ["/stats", "Stats"],
  ] as const) {
    await page.goto(`${stack.baseUrl}${path}`);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    await expect(nav.getByRole("link", { name: current })).toHaveAttribute("aria-current", "page");
  }
  await page.goto(`${stack.baseUrl}/platform/module/terraform-aws-vpc`);
  await expect(page.getByRole("navigation", { name: "Main" }).locator('[aria-current="page"]')).toHaveCount(0);
});

test("the desktop sidebar collapses and expands, and the state survives a reload", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${stack.baseUrl}/stats`);
  const sidebar = page.getByTestId("sidebar");
  const width = async () => (await sidebar.boundingBox())!.width;
  expect(await width()).toBeGreaterThan(200);
  // Sticky: still in view at the bottom of a long page.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  expect((await sidebar.boundingBox())!.y).toBeGreaterThanOrEqual(-1);
  await page.getByRole("button", { name: "Collapse sidebar" }).click();
  await expect.poll(width).toBeLessThan(80);
  await page.reload();
  await expect(sidebar).toHaveAttribute("data-collapsed", "true");
  expect(await width()).toBeLessThan(80);
  await screenshot(page, "shell-sidebar-collapsed-1440", false);
  // Collapsed, the navigation still works and still says where you are.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stats" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await page.getByRole("button", { name: "Expand sidebar" }).click();
  await expect.poll(width).toBeGreaterThan(200);
  await page.reload();
  expect(await width()).toBeGreaterThan(200);
});

test("phone: top bar with name, search and menu; filters behind a button; results near the top", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${stack.baseUrl}/stats`);
  const bar = page.locator("header").first();
  await expect(bar.getByRole("link", { name: /OpenDepot/ })).toBeVisible();
  await expect(bar.getByRole("searchbox")).toBeVisible();
  await expect(page.getByTestId("sidebar")).toBeHidden();
  await bar.getByRole("button", { name: "Menu" }).click();
  await expect(page.getByTestId("sidebar")).toBeVisible();
  await screenshot(page, "shell-drawer-390", false);
  await page.getByTestId("sidebar").getByRole("link", { name: "Registry" }).click();
  await expect(page).toHaveURL(`${stack.baseUrl}/`);
  await expect(page.getByTestId("sidebar")).toBeHidden();
  // One search box on the Registry page: the filter bar's.
  await expect(page.getByRole("searchbox")).toHaveCount(1);
  await expect(page.getByTestId("filter-panel")).toBeHidden();
  const firstCard = page.getByTestId("resource-card").first();
  expect((await firstCard.boundingBox())!.y).toBeLessThan(330);
  await page.getByRole("button", { name: /^Filters/ }).click();
  await expect(page.getByTestId("filter-panel")).toBeVisible();
  await screenshot(page, "shell-filters-open-390", false);
  await page.getByLabel("Kind").selectOption("provider");
  await expect(page).toHaveURL(/kind=provider/);
  await expect(page.getByRole("button", { name: "Filters (1)" })).toBeVisible();
});
