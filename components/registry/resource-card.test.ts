import { describe, expect, it } from "vitest";
import type { Card } from "@/lib/browse/json";
import { cardAttention } from "./resource-card";

const card = (over: Partial<Card> = {}): Card => ({
  kind: "module",
  namespace: "p",
  name: "m",
  registryName: "m",
  latestVersion: "1.0.0",
  synced: true,
  syncState: "synced",
  public: true,
  ...over,
});

describe("cardAttention", () => {
  it("says nothing when the latest version is synced and has no critical or high finding", () => {
    expect(
      cardAttention(
        card({ hasUnsyncedVersions: true, scanCounts: { critical: 0, high: 0, medium: 3, low: 1, unknown: 0 } }),
        "synced",
      ),
    ).toBeUndefined();
  });
  it("speaks when the latest is not synced or has critical/high findings", () => {
    expect(cardAttention(card(), "progressing")).toEqual({ text: "v1.0.0 is still syncing" });
    expect(
      cardAttention(card({ scanCounts: { critical: 1, high: 2, medium: 0, low: 0, unknown: 0 } }), "failed"),
    ).toEqual({
      text: "v1.0.0 failed to sync · latest version has findings",
      severity: "CRITICAL",
    });
  });
});
