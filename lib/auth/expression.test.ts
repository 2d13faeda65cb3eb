import { describe, expect, it } from "vitest";
import { compileExpression, EXPRESSION_LIMITS, ExpressionError, type ExpressionErrorCode } from "./expression";

const results: [string, string[], boolean][] = [
  ['"a" in groups', ["a", "b"], true],
  ['"c" in groups', ["a", "b"], false],
  ["'a' in groups", ["a"], true],
  ['"c" not in groups', ["a"], true],
  ['"a" not in groups', ["a"], false],
  ['"a\\"b" in groups', ['a"b'], true],
  ["'it\\'s' in groups", ["it's"], true],
  ["true", [], true],
  ["false", ["a"], false],
  ["len(groups) == 0", [], true],
  ["len(groups) > 1", ["a", "b"], true],
  ["len(groups) >= 2", ["a"], false],
  ["len(groups) < 3 && len(groups) != 0", ["a"], true],
  ["len(groups) <= 0", ["a"], false],
  ['"a" in groups and "b" in groups', ["a", "b"], true],
  ['"a" in groups && "x" in groups', ["a", "b"], false],
  ['"x" in groups or "b" in groups', ["a", "b"], true],
  ['"x" in groups || "y" in groups', ["a", "b"], false],
  ['not ("a" in groups)', ["a"], false],
  ['!("x" in groups)', ["a"], true],
  ['"x" in groups or "a" in groups and "b" in groups', ["a", "b"], true],
  ['("x" in groups or "a" in groups) and "z" in groups', ["a"], false],
  ['any(groups, # startsWith "team-")', ["dev", "team-a"], true],
  ['any(groups, # startsWith "team-")', ["dev"], false],
  ['all(groups, # endsWith "-eng")', ["a-eng", "b-eng"], true],
  ['all(groups, # endsWith "-eng")', ["a-eng", "b"], false],
  ['none(groups, # == "contractors")', ["a"], true],
  ['one(groups, # contains "admin")', ["admin", "x"], true],
  ['one(groups, # contains "admin")', ["admin", "sysadmin"], false],
  ['any(groups, {# == "platform-team"})', ["platform-team"], true],
  ['any(groups, { # in ["a", "b"] })', ["b"], true],
  ['any(groups, # in ["a", "b"])', ["c"], false],
  ['any(groups, # matches "^team-(a|b)$")', ["team-b"], true],
  ['any(groups, # matches "team")', ["my-team-x"], true],
  ['any(groups, # matches "^team$")', ["my-team"], false],
  ['"platform" == "platform"', [], true],
  ['"a" != "a"', [], false],
  ['any(groups, all(["x"], # == "x"))', ["g"], true],
  ['"security" in groups and not ("contractors" in groups)', ["security", "contractors"], false],
  ['"security" in groups and "contractors" not in groups', ["security"], true],
  ['len(["a", "b"]) == 2', [], true],
  ['any(groups, # == "a") == true', ["a"], true],
];

const compileErrors: [string, ExpressionErrorCode][] = [
  ["", "ERR_EXPRESSION_SYNTAX"],
  ["(", "ERR_EXPRESSION_SYNTAX"],
  ['"a" in groups)', "ERR_EXPRESSION_SYNTAX"],
  ['"a" in', "ERR_EXPRESSION_SYNTAX"],
  ["any(groups, {# == 'a')", "ERR_EXPRESSION_SYNTAX"],
  ['any(groups, # matches "(unclosed")', "ERR_EXPRESSION_SYNTAX"],
  ["users", "ERR_EXPRESSION_UNSUPPORTED"],
  ["groups.length > 0", "ERR_EXPRESSION_UNSUPPORTED"],
  ["groups[0] == 'a'", "ERR_EXPRESSION_UNSUPPORTED"],
  ["1 + 1 == 2", "ERR_EXPRESSION_UNSUPPORTED"],
  ["true ? true : false", "ERR_EXPRESSION_UNSUPPORTED"],
  ["constructor", "ERR_EXPRESSION_UNSUPPORTED"],
  ["__proto__", "ERR_EXPRESSION_UNSUPPORTED"],
  ['# == "a"', "ERR_EXPRESSION_UNSUPPORTED"],
  ["size(groups) == 1", "ERR_EXPRESSION_UNSUPPORTED"],
  ["{a: 1}", "ERR_EXPRESSION_UNSUPPORTED"],
  ["null", "ERR_EXPRESSION_UNSUPPORTED"],
  ["len(groups) == 1.5", "ERR_EXPRESSION_UNSUPPORTED"],
  ['"a" === "a"', "ERR_EXPRESSION_UNSUPPORTED"],
  ['"a"', "ERR_EXPRESSION_TYPE"],
  ["len(groups)", "ERR_EXPRESSION_TYPE"],
  ["groups", "ERR_EXPRESSION_TYPE"],
  ['"a" in "abc"', "ERR_EXPRESSION_TYPE"],
  ["len(groups) == 'one'", "ERR_EXPRESSION_TYPE"],
  ['not "a"', "ERR_EXPRESSION_TYPE"],
  ["any(groups, # startsWith 1)", "ERR_EXPRESSION_TYPE"],
  ['any(groups, "a")', "ERR_EXPRESSION_TYPE"],
  ["groups matches 'a'", "ERR_EXPRESSION_TYPE"],
  ["any(groups, # matches groups)", "ERR_EXPRESSION_TYPE"],
  ["'a' in groups, 'b' in groups", "ERR_EXPRESSION_SYNTAX"],
];

describe("GroupBinding expressions", () => {
  it.each(results)("%s over %j is %s", (source, groups, expected) => {
    expect(compileExpression(source)(groups)).toBe(expected);
  });

  it.each(compileErrors)("%j fails to compile with %s", (source, code) => {
    let caught: unknown;
    try {
      compileExpression(source);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    expect((caught as ExpressionError).code).toBe(code);
  });

  it("compiles once and evaluates many times", () => {
    const f = compileExpression('"a" in groups');
    expect([f(["a"]), f(["b"]), f([])]).toEqual([true, false, false]);
  });
});

describe("limits and budget", () => {
  const code = (src: string): ExpressionErrorCode | undefined => {
    try {
      compileExpression(src);
      return undefined;
    } catch (err) {
      if (err instanceof ExpressionError) return err.code;
      throw err;
    }
  };

  it("knows only the documented functions: Object.prototype names are not predicates", () => {
    for (const name of ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__", "isPrototypeOf"]) {
      expect(code(`${name}(groups, # == "a")`), name).toBe("ERR_EXPRESSION_UNSUPPORTED");
      expect(code(`${name}(groups)`), name).toBe("ERR_EXPRESSION_UNSUPPORTED");
    }
  });

  it("compiles a long and/or chain flat, and refuses one past the length limit", () => {
    const terms = Array.from({ length: 180 }, (_, i) => `"g${i}" in groups`);
    expect(terms.join(" or ").length).toBeLessThanOrEqual(EXPRESSION_LIMITS.maxLength);
    const fn = compileExpression(terms.join(" or "));
    expect([fn(["g179"]), fn(["x"])]).toEqual([true, false]);
    expect(compileExpression(terms.join(" and "))(terms.map((_, i) => `g${i}`))).toBe(true);
    const many = Array.from({ length: 5000 }, (_, i) => `"g${i}" in groups`).join(" or ");
    expect(code(many)).toBe("ERR_EXPRESSION_LIMIT");
  });

  it("refuses deep nesting and too many terms as compile errors, never a stack overflow", () => {
    expect(code(`${"not ".repeat(40)}true`)).toBe("ERR_EXPRESSION_LIMIT");
    expect(code(`${"any(groups, ".repeat(33)}true${")".repeat(33)}`)).toBe("ERR_EXPRESSION_LIMIT");
    expect(code(`"a" in [${Array.from({ length: 1000 }, () => '"a"').join(",")}]`)).toBe("ERR_EXPRESSION_LIMIT");
    expect(code(`${"not ".repeat(30)}true`)).toBeUndefined();
    // Parentheses add no syntax node; jsep recurses on them, so thousands are a compile error or
    // nothing at all, but never an exception of another kind (code() rethrows those).
    expect(() => code(`${"(".repeat(2000)}true${")".repeat(2000)}`)).not.toThrow();
  });

  it("spends a budget linear in the groups: one pass is fine, nested passes over many groups are stopped", () => {
    const groups = Array.from({ length: 1000 }, (_, i) => `team-${i}`);
    expect(compileExpression('any(groups, # == "team-999")')(groups)).toBe(true);
    expect(compileExpression('"team-999" in groups and all(groups, # startsWith "team-")')(groups)).toBe(true);
    const cubic = compileExpression('any(groups, any(groups, any(groups, # == "nobody")))');
    expect(() => cubic(groups.slice(0, 600))).toThrow(expect.objectContaining({ code: "ERR_EXPRESSION_BUDGET" }));
    // A shared budget runs out across evaluations.
    const budget = { left: 200 };
    const one = compileExpression('"x" in groups');
    expect(() => {
      for (let i = 0; i < 5; i++) one(groups, budget);
    }).toThrow(expect.objectContaining({ code: "ERR_EXPRESSION_BUDGET" }));
  });
});
