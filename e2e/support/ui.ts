// What a person would notice, as assertions: sideways scroll, text cut off inside cards without a
// tooltip, accessibility violations, console errors; plus sign-in and screenshots.

import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

export async function signIn(page: Page, user: string) {
  await page.getByRole("link", { name: "Sign in" }).first().click();
  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill("any-password");
  await page.locator('button[type="submit"], input[type="submit"]').first().click();
}

/** Console errors and uncaught exceptions, from now on (a 404 document's own status excepted). */
export function collectConsoleErrors(page: Page): { take(): string[] } {
  let errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const own404 = /status of 404/.test(m.text()) && m.location().url === page.url() && page.url().includes("no-such-");
    if (!own404) errors.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  return {
    take() {
      const out = errors;
      errors = [];
      return out;
    },
  };
}

export interface Geometry {
  scrollWidth: number;
  innerWidth: number;
  /** Elements sticking out of their card, or cut off with no title to read them by. */
  clipped: string[];
  wide: string[];
}

export async function geometry(page: Page): Promise<Geometry> {
  return page.evaluate(() => {
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 3).join(".")} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    const clipped: string[] = [];
    for (const card of document.querySelectorAll("main .rounded-lg.border")) {
      const box = card.getBoundingClientRect();
      if (box.width === 0) continue;
      if (card.scrollWidth > card.clientWidth + 1) clipped.push(`overflows its card: ${describe(card)}`);
      const clips = (el: Element) => {
        for (let p = el.parentElement; p && p !== card; p = p.parentElement)
          if (getComputedStyle(p).overflowX !== "visible") return true;
        return false;
      };
      for (const el of card.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        // Scroll regions (tables, code) and the pannable graph canvas keep their overflow on purpose
        // (e2e/depots.spec.ts checks what the canvas shows); clipped boxes are checked below.
        if (r.width <= 1 || el.closest("[role=region], pre, .react-flow") || clips(el)) continue;
        if (r.right > box.right + 1) clipped.push(`sticks out of its card: ${describe(el)}`);
        const s = getComputedStyle(el);
        const cut = (s.textOverflow === "ellipsis" || s.overflowX === "hidden") && el.scrollWidth > el.clientWidth + 1;
        if (cut && !el.closest("[title]")) clipped.push(`cut off without a title: ${describe(el)}`);
      }
    }
    // What widens the page, for the failure message: the outermost elements past the right edge.
    const wide: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) {
      for (const el of document.querySelectorAll("body *")) {
        if (
          el.getBoundingClientRect().right > window.innerWidth + 1 &&
          !(el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 1)
        )
          wide.push(describe(el));
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      clipped: clipped.slice(0, 10),
      wide: wide.slice(0, 5),
    };
  });
}

export async function seriousAxeViolations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude(".react-flow__renderer").analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${label}: ${v.id} ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    );
}

export async function screenshot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: path.join(test.info().project.outputDir, "screenshots", `${name}.png`), fullPage });
}

export async function expectNoSidewaysScroll(page: Page, label: string) {
  const g = await geometry(page);
  expect(
    g.scrollWidth,
    `${label}: page is ${g.scrollWidth}px wide in a ${g.innerWidth}px window: ${g.wide.join(" · ")}`,
  ).toBeLessThanOrEqual(g.innerWidth);
  expect(g.clipped, label).toEqual([]);
}
