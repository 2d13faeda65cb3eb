import { describe, expect, it } from "vitest";
import { formatBinaryBytes, formatCount, formatRelative } from "./format";

describe("format", () => {
  it("groups counts the same way everywhere", () => {
    expect(formatCount(3105)).toBe("3,105");
  });
  it("keeps sizes in binary units", () => {
    expect(formatBinaryBytes(1536)).toBe("1.5 KiB");
  });
  it("writes compact relative dates and rejects garbage", () => {
    const now = Date.parse("2026-12-06T00:00:00Z");
    expect(formatRelative("2026-12-03T00:00:00Z", now, "en")).toBe("3d ago");
    expect(formatRelative("2026-12-05T23:59:40Z", now, "en")).toBe("just now");
    expect(formatRelative("not a date", now, "en")).toBeUndefined();
  });
});
