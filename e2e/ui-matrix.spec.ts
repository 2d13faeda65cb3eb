// Every page at phone, tablet and desktop widths, in both themes, signed out and signed in: no
// sideways scroll, no text cut off inside cards, axe serious/critical = 0, no console errors
// (the favicon included). Screenshots: test-results/screenshots/{auth}-{page}-{theme}-{width}.png.

import { expect, test } from "@playwright/test";
import { startStack, type Stack } from "./support/stack";
import { collectConsoleErrors, expectNoSidewaysScroll, screenshot, seriousAxeViolations, signIn } from "./support/ui";

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => {
  await stack?.stop();
});

const PAGES = [
  ["registry", "/"],
  ["search", "/?q=aws&kind=module"],
  ["module", "/platform/module/terraform-aws-vpc"],
  ["provider", "/platform/provider/aws"],
  ["depots", "/depots"],
  ["stats", "/stats"],
  ["404", "/platform/module/no-such-module"],
] as const;
const WIDTHS = [360, 390, 768, 1440] as const;

for (const auth of ["signed-out", "signed-in"] as const) {
  for (const theme of ["light", "dark"] as const) {
    test(`${auth}, ${theme}: every page at 360, 390, 768 and 1,440 px`, async ({ page, context }) => {
      test.setTimeout(300_000);
      await context.addCookies([{ name: "theme", value: theme, url: stack.baseUrl }]);
      const console = collectConsoleErrors(page);
      if (auth === "signed-in") {
        await page.goto(`${stack.baseUrl}/`);
        await signIn(page, "alice");
        await expect(page.getByTestId("identity-name").first()).toHaveText("Alice Platform");
        // The provider's own pages (its development login form loads a web font) are not the explorer's.
        console.take();
      }
      const axe: string[] = [];
      for (const [name, route] of PAGES) {
        for (const width of WIDTHS) {
          const label = `${auth} ${theme} ${name} @${width}`;
          await page.setViewportSize({ width, height: 900 });
          const res = await page.goto(`${stack.baseUrl}${route}`);
          expect(res?.status(), label).toBe(name === "404" ? 404 : 200);
          await page.waitForLoadState("networkidle");
          await expect(page.locator("h1")).toHaveCount(1);
          await expectNoSidewaysScroll(page, label);
          axe.push(...(await seriousAxeViolations(page, label)));
          await screenshot(page, `${auth}-${name}-${theme}-${width}`, false);
          expect(console.take(), label).toEqual([]);
        }
      }
      expect(axe).toEqual([]);
    });
  }
}
