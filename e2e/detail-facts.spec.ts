// Facts that must agree on the detail pages of the demo registry: the snippet's default version,
// the header, the versions table and the findings panel, and one download count per version.

import { expect, test } from "@playwright/test";
import { startStack, type Stack } from "./support/stack";

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => {
  await stack?.stop();
});

test("the snippet defaults to the newest synced version when the newest is still syncing", async ({ page }) => {
  await page.goto(`${stack.baseUrl}/platform/module/terraform-aws-vpc`);
  const api = await page.evaluate(async () =>
    (await fetch("/opendepot/ui/v1/resources/platform/module/terraform-aws-vpc/versions?page_size=100")).json(),
  );
  const rows = api.items as { version: string; syncState: string }[];
  expect(rows[0]!.syncState).not.toBe("synced");
  const newestSynced = rows.find((r) => r.syncState === "synced")!.version;
  await expect(page.getByTestId("usage-version")).toHaveValue(newestSynced);
  await expect(page.getByTestId("usage-hcl")).toContainText(`version = "${newestSynced}"`);
  // The header speaks about the latest version as it is, and names what can be downloaded.
  await expect(page.getByTestId("header-facts")).toContainText(`v${rows[0]!.version} latest`);
  await expect(page.getByTestId("header-facts")).toContainText("Syncing");
  await expect(page.getByTestId("header-facts")).toContainText(`newest downloadable: v${newestSynced}`);
  await expect(page.getByTestId("header-downloads")).toHaveText(/^\d{1,3}(,\d{3})* downloads$/);
});

test("provider aws: the versions table and the findings panel agree on every platform; downloads once per version", async ({
  page,
}) => {
  await page.goto(`${stack.baseUrl}/platform/provider/aws?v_q=5.80.0`);
  const rows = page.locator('[data-testid="version-row"][data-version="5.80.0"]');
  await expect(rows).toHaveCount(5);
  await expect(
    page.locator('[data-testid="version-row"][data-version="5.80.0"] [data-testid="version-downloads"]'),
  ).toHaveCount(1);
  const panel = page.getByTestId("findings");
  await expect(page.getByTestId("findings-version")).toHaveValue("5.80.0");
  let withFindings = 0;
  for (let i = 0; i < 5; i++) {
    const row = rows.nth(i);
    const platform = (await row.getAttribute("data-platform"))!;
    const counts = (await row.getByTestId("row-findings").innerText()).replace(/\s+/g, " ").trim();
    if (counts === "None") {
      await expect(panel.getByTestId("clean-platforms"), platform).toContainText(platform);
      await expect(panel.locator(`[data-platform="${platform}"]`)).toHaveCount(0);
    } else {
      withFindings++;
      const block = panel.locator(`[data-platform="${platform}"]`);
      await expect(block.getByTestId("platform-counts"), platform).toHaveText(counts);
    }
  }
  // The demo's 5.80.0 has a Medium on linux/arm64 and a Low on windows/amd64 (the same check id).
  expect(withFindings).toBe(2);
  await expect(panel.locator('[data-platform="windows/amd64"]')).toContainText("Low");
});

test("Overview uses readable labels and wraps long values", async ({ page }) => {
  await page.goto(`${stack.baseUrl}/platform/module/terraform-aws-vpc`);
  const overview = page.getByTestId("overview");
  await expect(overview).toContainText("Presigned URLs");
  await expect(overview).toContainText("on, 15 min");
  await expect(overview).not.toContainText("presignEnabled");
  await expect(overview).toContainText("Amazon S3");
});
