import { describe, expect, it } from "vitest";
import { ConfigError } from "./config";
import { AppError, BadRequestError, ExplorerError, NotFoundError, UnavailableError } from "./errors";
import { ExpressionError } from "./auth/expression";
import { ManifestParseError } from "./registry/sources/manifest-file";

describe("one error family", () => {
  it("names every error after its class, keeps the cause and a stable code", () => {
    const cause = new Error("socket hang up");
    const cases: [ExplorerError, string, string][] = [
      [new BadRequestError("bad", "kind"), "BadRequestError", "bad_request"],
      [new NotFoundError(), "NotFoundError", "not_found"],
      [new UnavailableError("down", { cause }), "UnavailableError", "unavailable"],
      [new ConfigError("PORT", "is wrong", "3000"), "ConfigError", "ERR_CONFIG"],
      [new ExpressionError("ERR_EXPRESSION_LIMIT", "too long"), "ExpressionError", "ERR_EXPRESSION_LIMIT"],
      [new ManifestParseError("a.yaml", 0, "invalid YAML", { cause }), "ManifestParseError", "ERR_MANIFEST_PARSE"],
    ];
    for (const [err, name, code] of cases) {
      expect(err).toBeInstanceOf(ExplorerError);
      expect(err.name).toBe(name);
      expect(err.code).toBe(code);
      expect(String(err.stack)).toContain(name);
    }
    expect(new UnavailableError("down", { cause }).cause).toBe(cause);
    expect(new BadRequestError("bad", "kind")).toBeInstanceOf(AppError);
    expect(new ConfigError("PORT", "is wrong", "3000")).not.toBeInstanceOf(AppError);
  });
});
