import { describe, expect, it } from "vitest";
import { classifyExchangeError } from "./sign-in";

// openid-client's errors, as it builds them: coded TypeErrors for misuse, OAUTH_* codes for answers
// that do not verify, fetch's TypeError (with the socket error as cause) for the network.
const coded = (Base: ErrorConstructor, message: string, props: Record<string, unknown>) =>
  Object.assign(new Base(message), props);

describe("classifyExchangeError", () => {
  it("tells an unreachable provider from an answer that does not verify and from our own misuse", () => {
    expect(
      classifyExchangeError(
        new TypeError("fetch failed", {
          cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
        }),
      ),
    ).toBe("unavailable");
    expect(classifyExchangeError(Object.assign(new Error("timed out"), { name: "TimeoutError" }))).toBe("unavailable");
    expect(
      classifyExchangeError(coded(Error, "server error", { code: "OAUTH_RESPONSE_BODY_ERROR", status: 502 })),
    ).toBe("unavailable");
    expect(
      classifyExchangeError(coded(Error, "invalid_grant", { code: "OAUTH_RESPONSE_BODY_ERROR", status: 400 })),
    ).toBe("not-verified");
    expect(classifyExchangeError(coded(Error, "nonce mismatch", { code: "OAUTH_JWT_CLAIM_COMPARISON_FAILED" }))).toBe(
      "not-verified",
    );
    // A TypeError is not always the network: argument misuse is a bug, not an outage.
    expect(
      classifyExchangeError(coded(TypeError, '"expectedState" must be a string', { code: "ERR_INVALID_ARG_TYPE" })),
    ).toBe("failed");
    expect(classifyExchangeError("thrown string")).toBe("failed");
  });
});
