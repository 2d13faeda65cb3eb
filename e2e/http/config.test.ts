// Bad configuration stops startup with one line naming the variable.

import { describe, expect, it } from "vitest";
import { runAppExpectingExit } from "../support/app-server";

describe("startup configuration", () => {
  it.each([
    [{ AUTH_ANONYMOUS: "sometimes" }, "AUTH_ANONYMOUS"],
    [{ AUTH_ANONYMOUS: "none" }, "AUTH_ANONYMOUS"],
    [{ ANONYMOUS_AUTH: "yes" }, "ANONYMOUS_AUTH"],
    [{ REGISTRY_SOURCE: "s3" }, "REGISTRY_SOURCE"],
    [{ REGISTRY_PATH: "/nonexistent/registry" }, "REGISTRY_PATH"],
    [{ DIAGNOSTICS_TOKEN: "short" }, "DIAGNOSTICS_TOKEN"],
  ])("rejects %j naming %s", async (env, variable) => {
    const { code, output } = await runAppExpectingExit(env);
    expect(code).not.toBe(0);
    const line = output.split("\n").find((l) => l.startsWith("invalid configuration:"));
    expect(line).toContain(variable);
    expect(line).toContain("example:");
  });
});
