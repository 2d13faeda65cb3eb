import { describe, expect, it } from "vitest";
import { flat, intern, Interner } from "./intern";

describe("Interner", () => {
  it("makes a value once per key", () => {
    const table = new Interner<object>(10);
    const a = table.get("k", () => ({}));
    expect(table.get("k", () => ({}))).toBe(a);
    expect(table.get("other", () => ({}))).not.toBe(a);
  });

  it("starts over when full, so it never holds more than its bound", () => {
    const table = new Interner<object>(3);
    const first = table.get("a", () => ({}));
    for (const k of ["b", "c", "d"]) table.get(k, () => ({}));
    expect(table.size).toBe(1);
    expect(table.get("a", () => ({}))).not.toBe(first);
  });
});

describe("intern and flat", () => {
  it("keep the text", () => {
    let built = "";
    for (const ch of "linux/amd64") built += ch;
    expect(flat(built)).toBe("linux/amd64");
    expect(intern(built)).toBe("linux/amd64");
    expect(intern("x".repeat(300))).toBe("x".repeat(300));
  });
});
