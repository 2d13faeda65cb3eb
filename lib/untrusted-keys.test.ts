// The "no prototype lookups on untrusted keys" rule, checked with the TypeScript checker over
// lib/ (but its test support), app/, components/ and proxy.ts: an element access `obj[key]` whose key is any string (not
// a literal union) on an object that is not an array, and `key in obj` with such a key, are
// findings. A lookup whose key is known to be own (guarded, or not from outside) says so with an
// `// own-key: …` comment on its line (or alone on the line above); everything else uses a Map or ownValue() (lib/own.ts).

import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function sourceFiles(program: ts.Program): ts.SourceFile[] {
  return program.getSourceFiles().filter((f) => {
    const rel = path.relative(ROOT, f.fileName);
    if (rel.startsWith("..") || rel.includes("node_modules")) return false;
    if (
      /\.test\.tsx?$/.test(rel) ||
      rel.startsWith("lib/testing/") ||
      rel.startsWith("e2e/") ||
      rel.startsWith("bench/") ||
      rel.startsWith("scripts/")
    )
      return false;
    return /^(lib|app|components)\//.test(rel) || rel === "proxy.ts";
  });
}

function isWideString(checker: ts.TypeChecker, t: ts.Type): boolean {
  if (t.flags & ts.TypeFlags.Any) return true;
  if (t.isUnion()) return t.types.some((u) => isWideString(checker, u));
  return (t.flags & ts.TypeFlags.String) !== 0 || (t.flags & ts.TypeFlags.TemplateLiteral) !== 0;
}

function isIndexableByDesign(checker: ts.TypeChecker, t: ts.Type): boolean {
  const nonNull = checker.getNonNullableType(t);
  if (checker.isArrayLikeType(nonNull)) return true;
  if (nonNull.flags & ts.TypeFlags.StringLike) return true;
  return false;
}

export function findUntrustedLookups(): string[] {
  const configPath = path.join(ROOT, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const checker = program.getTypeChecker();
  const findings: string[] = [];
  for (const file of sourceFiles(program)) {
    const lines = file.text.split("\n");
    const report = (node: ts.Node, what: string) => {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      if (/\/\/ own-key:/.test(lines[line] ?? "") || /^\s*\/\/ own-key:/.test(lines[line - 1] ?? "")) return;
      findings.push(`${path.relative(ROOT, file.fileName)}:${line + 1}: ${what}: ${node.getText(file).slice(0, 80)}`);
    };
    const visit = (node: ts.Node) => {
      if (ts.isElementAccessExpression(node)) {
        const keyType = checker.getTypeAtLocation(node.argumentExpression);
        const objType = checker.getTypeAtLocation(node.expression);
        if (isWideString(checker, keyType) && !isIndexableByDesign(checker, objType)) report(node, "obj[string]");
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword) {
        const left = node.left;
        if (
          !ts.isStringLiteral(left) &&
          !ts.isPrivateIdentifier(left) &&
          isWideString(checker, checker.getTypeAtLocation(left))
        )
          report(node, "string in obj");
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return findings;
}

describe("untrusted keys", () => {
  it("no object is indexed with an arbitrary string, and `in` never tests one, without an own-key note", () => {
    expect(findUntrustedLookups()).toEqual([]);
  }, 60_000);
});
