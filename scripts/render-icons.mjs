#!/usr/bin/env node
// Renders public/icon.svg into the PNG app icons and public/favicon.ico with Debian's Chromium
// (through Playwright, already a dev dependency), so every icon comes from the one SVG.
// Run after changing the SVG: `node scripts/render-icons.mjs`. The ICO wraps 16/32/48 px PNGs,
// which every current browser reads; no image library needed for a 22-byte header per size.
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const svg = readFileSync("public/icon.svg", "utf8");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage();
async function png(size) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}
for (const [file, size] of [
  ["public/apple-icon.png", 180],
  ["public/icon-192.png", 192],
  ["public/icon-512.png", 512],
])
  writeFileSync(file, await png(size));
const images = [];
for (const size of [16, 32, 48]) images.push({ size, data: await png(size) });
await browser.close();
// ICONDIR (6 bytes) + one ICONDIRENTRY (16 bytes) per image, then the PNGs.
const header = Buffer.alloc(6 + 16 * images.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(images.length, 4);
let offset = header.length;
images.forEach(({ size, data }, i) => {
  const e = 6 + 16 * i;
  header.writeUInt8(size, e);
  header.writeUInt8(size, e + 1);
  header.writeUInt16LE(1, e + 4);
  header.writeUInt16LE(32, e + 6);
  header.writeUInt32LE(data.length, e + 8);
  header.writeUInt32LE(offset, e + 12);
  offset += data.length;
});
writeFileSync("public/favicon.ico", Buffer.concat([header, ...images.map((x) => x.data)]));
console.log("wrote public/favicon.ico, apple-icon.png, icon-192.png, icon-512.png");
