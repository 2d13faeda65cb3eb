import { describe, expect, it } from "vitest";
import { parseConfig } from "../config";
import { silentLogger } from "../log";
import { cookieOptions, sameOrigin } from "./auth-http";
import type { Runtime } from "./runtime";

function runtime(base: string): Runtime {
  const config = parseConfig({ DEV_TOKEN_INPUT_ENABLED: "true", PUBLIC_BASE_URL: base, SESSION_PASSWORD: "x".repeat(32) }, process.cwd());
  return { config, logger: silentLogger, gate: { anonymous: "public", audit: silentLogger } } as unknown as Runtime;
}

describe("auth cookies and origin checks", () => {
  it("marks cookies Secure only when the base URL is https", () => {
    expect(cookieOptions(runtime("https://opendepot.example.com"))).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: true });
    expect(cookieOptions(runtime("http://127.0.0.1:3000")).secure).toBe(false);
  });
  it("accepts an Origin equal to the base URL's, else a same-origin Referer, else refuses", () => {
    const rt = runtime("https://opendepot.example.com");
    const req = (headers: Record<string, string>) => new Request("http://internal/auth/logout", { method: "POST", headers });
    expect(sameOrigin(rt, req({ origin: "https://opendepot.example.com" }))).toBe(true);
    expect(sameOrigin(rt, req({ origin: "https://evil.example", referer: "https://opendepot.example.com/" }))).toBe(false);
    expect(sameOrigin(rt, req({ referer: "https://opendepot.example.com/platform" }))).toBe(true);
    expect(sameOrigin(rt, req({}))).toBe(false);
    expect(sameOrigin(rt, req({ origin: "null" }))).toBe(false);
  });
});
