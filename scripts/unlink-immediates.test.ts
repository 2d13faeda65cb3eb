import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { installUnlinkingSetImmediate } from "./unlink-immediates.mjs";

const PRELOAD = fileURLToPath(new URL("./unlink-immediates.mjs", import.meta.url));

type Immediate = NodeJS.Immediate & { _idlePrev?: unknown; _idleNext?: unknown };

function unlinking(): { setImmediate: typeof setImmediate } {
  const target = { setImmediate } as { setImmediate: typeof setImmediate };
  installUnlinkingSetImmediate(target);
  return target;
}

/** Runs `script` in a fresh Node with --expose-gc, with or without the preload; returns its stdout. */
function node(script: string, preload: boolean): string {
  const args = ["--expose-gc", ...(preload ? ["--import", PRELOAD] : []), "-e", script];
  return execFileSync(process.execPath, args, { encoding: "utf8", timeout: 60_000 });
}

// The shape React's Flight renderer gives every page: work run from setImmediate inside an
// AsyncLocalStorage store (the request), and an Error created there and kept (its cache signal's
// abort reason). 200 requests of 1 MiB each in one batch, two of them keep their Error.
const RETENTION = `
const { AsyncLocalStorage } = require("node:async_hooks");
const als = new AsyncLocalStorage();
const kept = [];
let ran = 0;
for (let i = 0; i < 200; i++) {
  als.run({ request: i, body: Buffer.alloc(1 << 20, 1) }, () => {
    setImmediate(() => {
      if (i % 100 === 50) kept.push(new Error("render " + i));
      if (++ran === 200) setTimeout(() => {
        gc(); gc();
        console.log(JSON.stringify({ kept: kept.length, externalMiB: process.memoryUsage().external / 2 ** 20 }));
      }, 20);
    });
  });
}`;

describe("unlink-immediates", () => {
  it("lets the requests of a batch go when one Error created in it is kept", () => {
    const without = JSON.parse(node(RETENTION, false)) as { kept: number; externalMiB: number };
    const withPreload = JSON.parse(node(RETENTION, true)) as { kept: number; externalMiB: number };
    expect(without.kept).toBe(2);
    expect(withPreload.kept).toBe(2);
    // Node 20 keeps every request of the batch through the stale links (if this ever fails, Node
    // has fixed nodejs/node#66129 and the preload can go).
    expect(without.externalMiB).toBeGreaterThan(150);
    // With the preload only the two requests whose Errors are kept stay.
    expect(withPreload.externalMiB).toBeLessThan(16);
  });

  it("runs callbacks in order, with their arguments and the Immediate as this, and unlinks each", async () => {
    const timers = unlinking();
    const ran: string[] = [];
    const selves: unknown[] = [];
    const immediates: Immediate[] = [];
    await new Promise<void>((resolve) => {
      for (const name of ["a", "b", "c"]) {
        immediates.push(
          timers.setImmediate(
            function (this: unknown, value: string, n: number) {
              selves.push(this);
              ran.push(`${value}${n}`);
              if (name === "c") resolve();
            },
            name,
            1,
          ) as Immediate,
        );
      }
    });
    expect(ran).toEqual(["a1", "b1", "c1"]);
    expect(selves).toEqual(immediates);
    // Each one cut the links behind it (what follows the last one is not this test's to schedule).
    for (const immediate of immediates) expect(immediate._idlePrev ?? null).toBeNull();
    for (const immediate of immediates.slice(0, -1)) expect(immediate._idleNext ?? null).toBeNull();
  });

  it("still clears a later Immediate from an earlier one's callback", async () => {
    const timers = unlinking();
    const ran: string[] = [];
    await new Promise<void>((resolve) => {
      let later: NodeJS.Immediate | undefined = undefined;
      timers.setImmediate(() => {
        ran.push("first");
        clearImmediate(later);
      });
      later = timers.setImmediate(() => ran.push("cleared"));
      timers.setImmediate(() => {
        ran.push("last");
        resolve();
      });
    });
    expect(ran).toEqual(["first", "last"]);
  });

  it("keeps the Immediate's own methods and Node's promise form", async () => {
    const timers = unlinking();
    const immediate = timers.setImmediate(() => undefined);
    expect(immediate.hasRef()).toBe(true);
    expect(immediate.unref().hasRef()).toBe(false);
    clearImmediate(immediate);
    await expect(promisify(timers.setImmediate)("value")).resolves.toBe("value");
    expect(() => timers.setImmediate("not a function" as never)).toThrow(
      expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }),
    );
  });

  it("runs the rest of a batch after a callback throws, in the process it is preloaded into", () => {
    const out = node(
      `process.on("uncaughtException", (e) => console.log("caught " + e.message));
       setImmediate(() => console.log("one"));
       setImmediate(() => { throw new Error("two"); });
       setImmediate(() => console.log("three"));
       setImmediate(() => console.log(setImmediate.name + " " + (require("node:timers").setImmediate === setImmediate)));`,
      true,
    );
    expect(out.trim().split("\n")).toEqual(["one", "caught two", "three", "setImmediate true"]);
  });
});
