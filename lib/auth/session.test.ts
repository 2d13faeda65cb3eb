import { afterEach, describe, expect, it, vi } from "vitest";
import { authErrorCode, safeReturnTo, sealSession, SessionTooLargeError, unsealSession } from "./session";

const base = new URL("https://opendepot.example.com");
const password = "a-session-password-that-is-long-enough-0123";

describe("safeReturnTo", () => {
  it.each([
    ["/", "/"],
    [
      "/platform/module/terraform-aws-vpc?tab=versions#readme",
      "/platform/module/terraform-aws-vpc?tab=versions#readme",
    ],
    ["//evil.example", "/"],
    ["/%09/evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/\\\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["/auth/logout", "/"],
    ["/auth", "/"],
    ["/authors", "/authors"],
    ["/ space", "/"],
    ["/\tx", "/"],
    ["javascript:alert(1)", "/"],
    ["/%2F%2Fevil.example", "/"],
    ["", "/"],
  ])("%j ⇒ %j", (input, expected) => {
    expect(safeReturnTo(input, base)).toBe(expected);
  });
});

describe("sealed session cookies", () => {
  it("round-trips a session and rejects tampering", async () => {
    const chunks = await sealSession(
      { idToken: "t".repeat(500), expiresAt: 2_000_000_000, name: "Alice" },
      password,
      3600,
    );
    expect(chunks).toHaveLength(1);
    expect(await unsealSession(chunks, password)).toMatchObject({ name: "Alice", expiresAt: 2_000_000_000 });
    expect(await unsealSession([chunks[0]!.slice(0, -2) + "xx"], password)).toBeUndefined();
    expect(await unsealSession(chunks, password.replace("a", "b"))).toBeUndefined();
  });

  it("splits a large token into chunks and refuses more than three", async () => {
    const two = await sealSession({ idToken: "g".repeat(4000), expiresAt: 2_000_000_000 }, password, 3600);
    expect(two).toHaveLength(2);
    expect((await unsealSession(two, password))?.idToken).toHaveLength(4000);
    // A missing later chunk breaks the seal: no session rather than a truncated one.
    expect(await unsealSession([two[0]], password)).toBeUndefined();
    await expect(
      sealSession({ idToken: "x".repeat(12_000), expiresAt: 2_000_000_000 }, password, 3600),
    ).rejects.toBeInstanceOf(SessionTooLargeError);
  });
});

describe("authErrorCode", () => {
  it("keeps standard codes only", () => {
    expect(authErrorCode("access_denied")).toBe("access_denied");
    expect(authErrorCode("<script>alert(1)</script>")).toBe("unknown");
    expect(authErrorCode(null)).toBe("unknown");
  });
});

describe("unseal cache", () => {
  afterEach(() => vi.useRealTimers());

  it("never serves a session past the seal's own expiration", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.UTC(2026, 11, 5, 12, 0, 0);
    vi.setSystemTime(t0);
    const chunks = await sealSession({ idToken: "t", expiresAt: t0 / 1000 + 3600 }, password, 60);
    expect(await unsealSession(chunks, password)).toMatchObject({ idToken: "t" });
    vi.setSystemTime(t0 + 30_000);
    expect(await unsealSession(chunks, password)).toMatchObject({ idToken: "t" }); // from the cache
    vi.setSystemTime(t0 + 121_000); // iron allows 60 s of clock skew past the expiration
    expect(await unsealSession(chunks, password)).toBeUndefined();
  });

  it("keeps results apart per password and never caches a failed unseal", async () => {
    const chunks = await sealSession({ idToken: "t", expiresAt: Date.now() / 1000 + 3600 }, password, 600);
    expect(await unsealSession(chunks, password)).toBeDefined();
    expect(await unsealSession(chunks, `${password}-other`)).toBeUndefined();
    const c = chunks[0]!;
    const tampered = [c.slice(0, 20) + (c[20] === "a" ? "b" : "a") + c.slice(21)]; // inside the HMAC'd part
    expect(await unsealSession(tampered, password)).toBeUndefined();
    expect(await unsealSession(chunks, password)).toBeDefined();
  });
});
