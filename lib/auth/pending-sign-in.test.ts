import { describe, expect, it } from "vitest";
import { MAX_PENDING, pendingValue, readPending, withNewSignIn } from "./pending-sign-in";
import { PENDING_TTL_MS } from "./session";

const entry = (createdAt: number) => ({ verifier: "v".repeat(43), nonce: "n", returnTo: "/", createdAt });

describe("readPending", () => {
  const now = 1_000_000_000;
  it("keeps only own, well-formed, unexpired entries: no state name reaches Object.prototype", () => {
    const raw = JSON.parse(JSON.stringify({ ok: entry(now - 1000) })) as Record<string, unknown>;
    Object.assign(raw, {
      old: entry(now - PENDING_TTL_MS),
      future: entry(now + 60_000),
      bad: { verifier: 1 },
      list: [],
    });
    const pending = readPending(raw, now);
    expect([...pending.keys()]).toEqual(["ok"]);
    for (const state of ["__proto__", "constructor", "toString", "hasOwnProperty"])
      expect(pending.get(state)).toBeUndefined();
    expect(readPending(undefined, now).size).toBe(0);
    expect(readPending(JSON.parse('{"__proto__": {"verifier": 1}}'), now).size).toBe(0);
  });

  it("round-trips a prototype-named state as a plain own entry", () => {
    const value = pendingValue(new Map([["__proto__", entry(now)]]));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(readPending(JSON.parse(JSON.stringify(value)), now).get("__proto__")).toEqual(entry(now));
  });

  it("keeps the newest sign-ins when a new one starts", () => {
    const many = new Map(Array.from({ length: 8 }, (_, i) => [`s${i}`, entry(now - i * 1000)] as const));
    const next = withNewSignIn(many, "new", entry(now));
    expect([...next.keys()]).toEqual(["s0", "s1", "s2", "s3", "new"]);
    expect(next.size).toBe(MAX_PENDING);
  });
});
