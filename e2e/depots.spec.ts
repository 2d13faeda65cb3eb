// The Depots page (issue 12) in Debian's Chromium, on the demo registry and on a generated one of
// ~500 graph nodes: the canvas fills the page at every width and theme, labels are legible at first
// render, nothing overlaps, the controls are readable, search centres a legible match, keyboard and
// touch work, and zooming out switches to one summary box per depot. Screenshots of every width
// and theme go to test-results/depots/.

import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { startApp, type RunningApp } from "./support/app-server";
import { writeDepotsRegistry, type DepotsRegistry } from "./support/depots-registry";
import { startStack, type Stack } from "./support/stack";

let demo: Stack;
let large: RunningApp;
let registry: DepotsRegistry;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  registry = writeDepotsRegistry();
  demo = await startStack();
  large = await startApp({ REGISTRY_PATH: registry.dir, AUTH_ANONYMOUS: "all" });
});
test.afterAll(async () => {
  await demo?.stop();
  await large?.stop();
  if (registry) rmSync(registry.dir, { recursive: true, force: true });
});

const WIDTHS = [360, 390, 768, 1023, 1280, 1440, 1920] as const;
const HEIGHT = 800;
const registries = () =>
  [
    ["demo", demo.baseUrl, "/depots?view=graph"],
    ["large", large.url, "/depots?view=graph&limit=2000"],
  ] as const;

async function graphReady(page: Page) {
  await expect(page.locator(".react-flow__viewport")).toBeAttached();
  await expect(page.locator("[data-node-id]").first()).toBeVisible();
}

interface Measure {
  canvas: { width: number; height: number; top: number; bottom: number };
  containerWidth: number;
  zoom: number;
  labelPx: number;
  depotsInView: number;
  resourcesInView: number;
  overlaps: string[];
  sideways: boolean;
  nodes: number;
}

/** What a person would notice, read from the rendered DOM. */
function measure(page: Page): Promise<Measure> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLElement>("[data-testid=graph-canvas]")!;
    const c = canvas.getBoundingClientRect();
    const zoom = new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")!).transform).a;
    const label = document.querySelector<HTMLElement>(".depots-label")!;
    const nodes = [...document.querySelectorAll<HTMLElement>("[data-node-id]")].map((el) => ({
      id: el.dataset.nodeId!,
      kind: el.dataset.kind!,
      r: el.getBoundingClientRect(),
    }));
    const inside = (r: DOMRect) =>
      r.left >= c.left &&
      r.right <= c.right &&
      r.top >= c.top &&
      r.bottom <= c.bottom &&
      r.bottom <= window.innerHeight &&
      r.right <= window.innerWidth;
    const overlaps: string[] = [];
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const [a, b] = [nodes[i]!.r, nodes[j]!.r];
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
          overlaps.push(`${nodes[i]!.id} × ${nodes[j]!.id}`);
      }
    }
    return {
      canvas: { width: c.width, height: c.height, top: c.top, bottom: c.bottom },
      containerWidth: canvas.parentElement!.getBoundingClientRect().width,
      zoom,
      labelPx: parseFloat(getComputedStyle(label).fontSize) * zoom,
      depotsInView: nodes.filter((n) => n.kind === "depot" && inside(n.r)).length,
      resourcesInView: nodes.filter((n) => n.kind !== "depot" && inside(n.r)).length,
      overlaps,
      sideways: document.scrollingElement!.scrollWidth > document.scrollingElement!.clientWidth,
      nodes: nodes.length,
    };
  });
}

/** WCAG contrast of each zoom control's icon (currentColor) against its button; colours resolved by a canvas. */
function controlContrasts(page: Page): Promise<{ name: string; ratio: number }[]> {
  return page.evaluate(() => {
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    const rgb = (css: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    };
    const lum = (c: number[]) => {
      const [r, g, b] = c.map((v) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    return [...document.querySelectorAll<HTMLButtonElement>("[role=group][aria-label=Zoom] button")].map((b) => {
      const icon = lum(
        rgb(
          getComputedStyle(b.querySelector("svg")!).stroke === "none"
            ? getComputedStyle(b).color
            : getComputedStyle(b.querySelector("svg")!).color,
        ),
      );
      const bg = lum(rgb(getComputedStyle(b).backgroundColor));
      return { name: b.getAttribute("aria-label")!, ratio: (Math.max(icon, bg) + 0.05) / (Math.min(icon, bg) + 0.05) };
    });
  });
}

for (const theme of ["light", "dark"] as const) {
  for (const which of ["demo", "large"] as const) {
    test(`${which}, ${theme}: at every width the canvas fills the page and labels are legible at first render`, async ({
      page,
      context,
    }) => {
      test.setTimeout(120_000);
      const [, base, route] = registries().find(([n]) => n === which)!;
      await context.addCookies([{ name: "theme", value: theme, url: base }]);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: HEIGHT });
        await page.goto(base + route);
        await graphReady(page);
        const m = await measure(page);
        const at = `${which} ${theme} ${width}px`;
        await page.screenshot({
          path: path.join(test.info().project.outputDir, "depots", `${which}-${theme}-${width}.png`),
        });
        expect(m.canvas.height, `${at}: canvas height`).toBeGreaterThanOrEqual(320);
        expect(
          Math.abs(m.canvas.width - m.containerWidth),
          `${at}: canvas as wide as its container`,
        ).toBeLessThanOrEqual(1);
        expect(m.canvas.bottom, `${at}: canvas ends inside the window`).toBeLessThanOrEqual(HEIGHT);
        expect(m.depotsInView, `${at}: a depot node in view`).toBeGreaterThanOrEqual(1);
        expect(m.resourcesInView, `${at}: a resource node in view`).toBeGreaterThanOrEqual(1);
        expect(m.labelPx, `${at}: label size on screen`).toBeGreaterThanOrEqual(12);
        expect(m.overlaps, `${at}: overlapping nodes`).toEqual([]);
        expect(m.sideways, `${at}: sideways scroll`).toBe(false);
        for (const c of await controlContrasts(page))
          expect(c.ratio, `${at}: ${c.name} icon contrast`).toBeGreaterThanOrEqual(3);
      }
    });
  }
}

test("on a phone the page opens on the list, and offers the graph", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: HEIGHT });
  await page.goto(demo.baseUrl + "/depots");
  await expect(page.getByTestId("depot-list")).toBeVisible();
  await expect(page.getByTestId("depot-list")).toContainText("Depot platform/platform-depot");
  await expect(page.getByTestId("depot-list")).toContainText("polls every 30 min");
  await expect(page.getByTestId("depot-list")).not.toContainText("polls every 0 min");
  await expect(page.getByRole("link", { name: "its resources in the graph" }).first()).toBeVisible();
  await expect(page.locator(".react-flow")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "List" })).toHaveAttribute("aria-pressed", "true");
  // Long names wrap where a reader expects (after "-", "/", "." or a space), not inside a word:
  // "terraform-aws-security-" / "group", never "…securit" / "y-group" (the narrowest phone).
  await page.setViewportSize({ width: 360, height: HEIGHT });
  const badBreaks = await page.getByTestId("depot-list").evaluate((list) => {
    const bad: string[] = [];
    const range = document.createRange();
    for (const a of list.querySelectorAll("a")) {
      // A link's text may be several text nodes ("platform", "/", "terraform-aws-vpc").
      const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
      let top: number | undefined;
      let previous = "";
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        for (let i = 0; i < node.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const t = range.getBoundingClientRect().top;
          if (top !== undefined && t > top + 1 && !"-/. ".includes(previous)) bad.push(a.textContent ?? "");
          top = t;
          previous = node.data[i]!;
        }
      }
    }
    return bad;
  });
  expect(badBreaks).toEqual([]);
  await page.screenshot({ path: path.join(test.info().project.outputDir, "depots", "demo-phone-list-360.png") });
  await page.setViewportSize({ width: 390, height: HEIGHT });
  await page.getByRole("link", { name: "Open the graph" }).click();
  await expect(page).toHaveURL(/view=graph/);
  await graphReady(page);
  await page.screenshot({ path: path.join(test.info().project.outputDir, "depots", "demo-phone-list-to-graph.png") });
});

test("search centres a resource at a legible zoom, and its panel names every depot that manages it", async ({
  page,
}) => {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: HEIGHT });
    await page.goto(large.url + "/depots?view=graph&limit=2000");
    await graphReady(page);
    // Zoom far out first: the match must still end up legible.
    await page.getByRole("button", { name: "Fit all" }).click();
    await page.getByLabel("Find a node").fill(registry.shared.name);
    await page.getByRole("button", { name: "Find", exact: true }).click();
    const node = page.locator(`[data-node-id="${registry.shared.id}"]`);
    await expect(node).toBeFocused();
    const geo = await page.evaluate((id) => {
      const c = document.querySelector("[data-testid=graph-canvas]")!.getBoundingClientRect();
      const n = document.querySelector(`[data-node-id="${CSS.escape(id)}"]`)!;
      const r = n.getBoundingClientRect();
      const zoom = new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")!).transform).a;
      return {
        dx: r.left + r.width / 2 - (c.left + c.width / 2),
        dy: r.top + r.height / 2 - (c.top + c.height / 2),
        label: parseFloat(getComputedStyle(n.querySelector(".depots-label")!).fontSize) * zoom,
      };
    }, registry.shared.id);
    expect(Math.abs(geo.dx)).toBeLessThanOrEqual(2);
    expect(Math.abs(geo.dy)).toBeLessThanOrEqual(2);
    expect(geo.label).toBeGreaterThanOrEqual(12);
    await page.screenshot({ path: path.join(test.info().project.outputDir, "depots", `large-search-${width}.png`) });
    await page.keyboard.press("Enter");
    const managers = page.getByTestId("managed-by");
    for (const d of registry.shared.depots) await expect(managers).toContainText(d);
    await expect(
      page.getByTestId("node-panel").getByRole("link", { name: `Open ${registry.shared.name}` }),
    ).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("node-panel")).toHaveCount(0);
    await expect(node).toBeFocused();
  }
});

test("keyboard: Tab walks every node in reading order, Enter opens the panel, Escape closes it", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: HEIGHT });
  await page.goto(demo.baseUrl + "/depots");
  await graphReady(page);
  const order = await page
    .locator("[data-node-id]")
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.nodeId));
  await page.getByRole("button", { name: "Find", exact: true }).focus();
  const seen: string[] = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    seen.push(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.nodeId ?? ""));
  }
  expect(seen).toEqual(order.slice(0, 4));
  expect(seen[0]).toMatch(/^depot\//);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("node-panel")).toContainText(seen[3]!.split("/").at(-1)!);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("node-panel")).toHaveCount(0);

  // On a phone most nodes start outside the view: Tab brings each into it.
  await page.setViewportSize({ width: 390, height: HEIGHT });
  await page.goto(demo.baseUrl + "/depots?view=graph");
  await graphReady(page);
  await page.getByRole("button", { name: "Find", exact: true }).focus();
  const walked: string[] = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    const before = walked.at(-1) ?? "";
    // Focus may pass through <body> for a frame while the next node is rendered.
    await expect
      .poll(() => page.evaluate((b) => ((document.activeElement as HTMLElement).dataset.nodeId ?? b) !== b, before))
      .toBe(true);
    const at = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const r = el.getBoundingClientRect();
      const c = document.querySelector("[data-testid=graph-canvas]")!.getBoundingClientRect();
      return {
        id: el.dataset.nodeId ?? el.outerHTML.slice(0, 80),
        inside: r.left >= c.left - 1 && r.right <= c.right + 1 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1,
      };
    });
    expect(at.inside, `${at.id} in view after Tab`).toBe(true);
    walked.push(at.id);
  }
  expect(walked.filter((id) => !/^(depot|module|provider)\//.test(id))).toEqual([]);
  expect(new Set(walked).size).toBe(walked.length);
  // Shift+Tab walks back the same way.
  await page.keyboard.press("Shift+Tab");
  await expect
    .poll(() => page.evaluate(() => (document.activeElement as HTMLElement).dataset.nodeId))
    .toBe(walked.at(-2));
});

test("zooming out past legible labels draws one summary box per depot; a box zooms back in", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: HEIGHT });
  await page.goto(large.url + "/depots?view=graph&limit=2000");
  await graphReady(page);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-summary", "false");
  await page.getByRole("button", { name: "Fit all" }).click();
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-summary", "true");
  await expect(page.locator("[data-node-id]")).toHaveCount(0);
  const boxes = page.locator("[data-summary-id]");
  expect(await boxes.count()).toBeGreaterThan(20);
  const text = await page.evaluate(() => {
    const zoom = new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")!).transform).a;
    return parseFloat(getComputedStyle(document.querySelector(".depots-summary")!).fontSize) * zoom;
  });
  expect(text).toBeGreaterThanOrEqual(12);
  await page.screenshot({ path: path.join(test.info().project.outputDir, "depots", "large-summary-1280.png") });
  await page.locator('[data-summary-id="depot/ns-000/aa-second"]').click();
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-summary", "false");
  await expect(page.locator('[data-node-id="depot/ns-000/aa-second"]')).toBeInViewport();
});

test("touch: pan by dragging, tap a node for its panel", async ({ browser }) => {
  const context = await browser.newContext({
    hasTouch: true,
    isMobile: true,
    viewport: { width: 390, height: HEIGHT },
  });
  const page = await context.newPage();
  await page.goto(demo.baseUrl + "/depots?view=graph");
  await graphReady(page);
  const before = await page
    .locator(".react-flow__viewport")
    .evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).e);
  const box = (await page.getByTestId("graph-canvas").boundingBox())!;
  const cdp = await context.newCDPSession(page);
  const y = box.y + box.height - 40;
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", x: number) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
  await touch("touchStart", box.x + 300);
  for (let x = 290; x >= 150; x -= 20) await touch("touchMove", box.x + x);
  await touch("touchEnd", box.x + 150);
  await expect
    .poll(() => page.locator(".react-flow__viewport").evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).e))
    .toBeLessThan(before - 50);
  const node = page.locator("[data-node-id]").filter({ visible: true }).first();
  await node.tap();
  await expect(page.getByTestId("node-panel")).toBeVisible();
  await context.close();
});
