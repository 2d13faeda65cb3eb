import { describe, expect, it } from "vitest";
import { authErrorCode, safeReturnTo, sealSession, SessionTooLargeError, unsealSession } from "./session";

const base = new URL("https://opendepot.example.com");
const password = "a-session-password-that-is-long-enough-0123";

describe("safeReturnTo", () => {
  it.each([
    ["/", "/"],
    ["/platform/module/terraform-aws-vpc?tab=versions#readme", "/platform/module/terraform-aws-vpc?tab=versions#readme"],
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
    const chunks = await sealSession({ idToken: "t".repeat(500), expiresAt: 2_000_000_000, name: "Alice" }, password, 3600);
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
    await expect(sealSession({ idToken: "x".repeat(12_000), expiresAt: 2_000_000_000 }, password, 3600)).rejects.toBeInstanceOf(SessionTooLargeError);
  });
});

describe("authErrorCode", () => {
  it("keeps standard codes only", () => {
    expect(authErrorCode("access_denied")).toBe("access_denied");
    expect(authErrorCode("<script>alert(1)</script>")).toBe("unknown");
    expect(authErrorCode(null)).toBe("unknown");
  });
});
