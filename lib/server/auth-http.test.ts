import { describe, expect, it } from "vitest";
import { parseConfig } from "../config";
import { silentLogger } from "../log";
import { cookieOptions } from "../auth/session-cookies";
import { cookieSettings, RequestCookies, sameOrigin } from "./auth-http";
import type { Runtime } from "./runtime";

function runtime(base: string): Runtime {
  const config = parseConfig(
    { DEV_TOKEN_INPUT_ENABLED: "true", PUBLIC_BASE_URL: base, SESSION_PASSWORD: "x".repeat(32) },
    process.cwd(),
  );
  return { config, logger: silentLogger, gate: { anonymous: "public", audit: silentLogger } } as unknown as Runtime;
}

describe("auth cookies and origin checks", () => {
  it("marks cookies Secure only when the base URL is https", () => {
    expect(cookieOptions(cookieSettings(runtime("https://opendepot.example.com"))!.secure)).toMatchObject({
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: true,
    });
    expect(cookieOptions(cookieSettings(runtime("http://127.0.0.1:3000"))!.secure).secure).toBe(false);
  });
  it("accepts an Origin equal to the base URL's, else a same-origin Referer, else refuses", () => {
    const rt = runtime("https://opendepot.example.com");
    const req = (headers: Record<string, string>) =>
      new Request("http://internal/auth/logout", { method: "POST", headers });
    expect(sameOrigin(rt, req({ origin: "https://opendepot.example.com" }))).toBe(true);
    expect(sameOrigin(rt, req({ origin: "https://evil.example", referer: "https://opendepot.example.com/" }))).toBe(
      false,
    );
    expect(sameOrigin(rt, req({ referer: "https://opendepot.example.com/platform" }))).toBe(true);
    expect(sameOrigin(rt, req({}))).toBe(false);
    expect(sameOrigin(rt, req({ origin: "null" }))).toBe(false);
  });
  it("reads request cookies as own keys only, and writes each cookie's last value as one Set-Cookie line", () => {
    const jar = new RequestCookies("a=1; constructor=2; a=3");
    expect([jar.get("a"), jar.get("constructor"), jar.get("toString"), jar.get("__proto__")]).toEqual([
      "1",
      "2",
      undefined,
      undefined,
    ]);
    jar.set("x", "1", cookieOptions(true, 60));
    jar.set("x", "", cookieOptions(true, 0));
    jar.set("y", "2", cookieOptions(false));
    expect(jar.applyTo(new Response(null)).headers.getSetCookie()).toEqual([
      "x=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax",
      "y=2; Path=/; HttpOnly; SameSite=Lax",
    ]);
  });
});
