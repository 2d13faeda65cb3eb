// GroupBinding expressions (auth.md §3.1): an expr-lang subset over one variable, `groups`.
// Parsed with jsep (no expr-lang port exists on npm), type-checked at compile time, and turned
// into a tree of closures; there is no eval anywhere. Anything not listed is a compile error.

import jsep, { type Expression } from "jsep";
import { RE2JS } from "re2js";

export type CompiledExpression = (groups: readonly string[]) => boolean;

export type ExpressionErrorCode = "ERR_EXPRESSION_SYNTAX" | "ERR_EXPRESSION_UNSUPPORTED" | "ERR_EXPRESSION_TYPE" | "ERR_EXPRESSION_EVAL";

export class ExpressionError extends Error {
  constructor(
    readonly code: ExpressionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ExpressionError";
  }
}

// `not in` becomes one operator; a character that can never start an identifier keeps it apart.
const NOT_IN = "∉";
const WORD_OPS = ["in", "contains", "startsWith", "endsWith", "matches"] as const;

// expr-lang gives ==, !=, <, >, <=, >=, in, matches, contains, startsWith and endsWith one
// precedence level (left-associative), below `and`, above nothing but `or`.
jsep.addBinaryOp("or", 1);
jsep.addBinaryOp("and", 2);
for (const op of ["==", "!=", "<", ">", "<=", ">=", NOT_IN, ...WORD_OPS]) jsep.addBinaryOp(op, 6);
jsep.addUnaryOp("not");
jsep.addIdentifierChar("#");

/** Rewrites `not in` and `{# …}` closures outside string literals into forms jsep parses. */
function preprocess(src: string): string {
  let out = "";
  const braces: boolean[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === "\\" ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j;
      continue;
    }
    const notIn = /^not\s+in(?![\w#])/.exec(src.slice(i));
    if (notIn && (i === 0 || !/[\w#]/.test(src[i - 1]!))) {
      out += ` ${NOT_IN} `;
      i += notIn[0].length - 1;
      continue;
    }
    if (c === "{") {
      const closure = /^\{\s*#/.test(src.slice(i));
      if (!closure) throw new ExpressionError("ERR_EXPRESSION_UNSUPPORTED", "unsupported construct: map literal");
      braces.push(true);
      out += "(";
      continue;
    }
    if (c === "}") {
      if (!braces.pop()) throw new ExpressionError("ERR_EXPRESSION_SYNTAX", "unbalanced }");
      out += ")";
      continue;
    }
    out += c;
  }
  if (braces.length > 0) throw new ExpressionError("ERR_EXPRESSION_SYNTAX", "unbalanced {");
  return out;
}

type Type = "bool" | "int" | "string" | "list";
type Env = { groups: readonly string[]; elem: string[] };
interface Node {
  readonly type: Type;
  readonly run: (env: Env) => unknown;
}

const unsupported = (what: string) => new ExpressionError("ERR_EXPRESSION_UNSUPPORTED", `unsupported construct: ${what}`);
const typeError = (msg: string) => new ExpressionError("ERR_EXPRESSION_TYPE", msg);

function expect(node: Node, type: Type, where: string): Node {
  if (node.type !== type) throw typeError(`${where} needs ${type}, got ${node.type}`);
  return node;
}

const PREDICATES = {
  any: (xs: readonly string[], p: (x: string) => boolean) => xs.some(p),
  all: (xs: readonly string[], p: (x: string) => boolean) => xs.every(p),
  none: (xs: readonly string[], p: (x: string) => boolean) => !xs.some(p),
  one: (xs: readonly string[], p: (x: string) => boolean) => xs.filter(p).length === 1,
} as const;

function compileNode(e: Expression, depth: number): Node {
  switch (e.type) {
    case "Literal": {
      const v = (e as jsep.Literal).value;
      if (typeof v === "boolean") return { type: "bool", run: () => v };
      if (typeof v === "string") return { type: "string", run: () => v };
      if (typeof v === "number" && Number.isSafeInteger(v) && /^\d+$/.test(String((e as jsep.Literal).raw))) {
        return { type: "int", run: () => v };
      }
      throw unsupported(`literal ${String((e as jsep.Literal).raw)}`);
    }
    case "Identifier": {
      const name = (e as jsep.Identifier).name;
      if (name === "groups") return { type: "list", run: (env) => env.groups };
      if (name === "#") {
        if (depth === 0) throw unsupported("# outside a predicate");
        return { type: "string", run: (env) => env.elem[env.elem.length - 1] };
      }
      throw unsupported(`identifier ${name}`);
    }
    case "ArrayExpression": {
      const items = (e as jsep.ArrayExpression).elements.map((x) => {
        if (!x) throw unsupported("empty array element");
        return expect(compileNode(x, depth), "string", "array element");
      });
      return { type: "list", run: (env) => items.map((i) => i.run(env) as string) };
    }
    case "UnaryExpression": {
      const u = e as jsep.UnaryExpression;
      if (u.operator !== "!" && u.operator !== "not") throw unsupported(`operator ${u.operator}`);
      const arg = expect(compileNode(u.argument, depth), "bool", u.operator);
      return { type: "bool", run: (env) => !(arg.run(env) as boolean) };
    }
    case "BinaryExpression":
      return compileBinary(e as jsep.BinaryExpression, depth);
    case "CallExpression":
      return compileCall(e as jsep.CallExpression, depth);
    default:
      throw unsupported(e.type);
  }
}

function compileBinary(b: jsep.BinaryExpression, depth: number): Node {
  const l = compileNode(b.left, depth);
  const r = compileNode(b.right, depth);
  const op = b.operator;
  switch (op) {
    case "and":
    case "&&":
    case "or":
    case "||": {
      expect(l, "bool", op);
      expect(r, "bool", op);
      const and = op === "and" || op === "&&";
      return { type: "bool", run: (env) => (and ? (l.run(env) as boolean) && (r.run(env) as boolean) : (l.run(env) as boolean) || (r.run(env) as boolean)) };
    }
    case "==":
    case "!=": {
      if (l.type !== r.type || l.type === "list") throw typeError(`cannot compare ${l.type} ${op} ${r.type}`);
      const eq = op === "==";
      return { type: "bool", run: (env) => (l.run(env) === r.run(env)) === eq };
    }
    case "<":
    case ">":
    case "<=":
    case ">=": {
      if (l.type !== r.type || (l.type !== "int" && l.type !== "string")) throw typeError(`cannot order ${l.type} ${op} ${r.type}`);
      const cmp = (a: number | string, c: number | string) => (op === "<" ? a < c : op === ">" ? a > c : op === "<=" ? a <= c : a >= c);
      return { type: "bool", run: (env) => cmp(l.run(env) as number | string, r.run(env) as number | string) };
    }
    case "in":
    case NOT_IN: {
      expect(l, "string", op === "in" ? "in" : "not in");
      expect(r, "list", op === "in" ? "in" : "not in");
      const want = op === "in";
      return { type: "bool", run: (env) => (r.run(env) as readonly string[]).includes(l.run(env) as string) === want };
    }
    case "contains":
    case "startsWith":
    case "endsWith": {
      expect(l, "string", op);
      expect(r, "string", op);
      const f = op === "contains" ? (a: string, c: string) => a.includes(c) : op === "startsWith" ? (a: string, c: string) => a.startsWith(c) : (a: string, c: string) => a.endsWith(c);
      return { type: "bool", run: (env) => f(l.run(env) as string, r.run(env) as string) };
    }
    case "matches": {
      expect(l, "string", op);
      const lit = b.right as jsep.Literal;
      if (b.right.type !== "Literal" || typeof lit.value !== "string") throw typeError("matches needs a string literal pattern");
      let re: RE2JS;
      try {
        re = RE2JS.compile(lit.value);
      } catch (err) {
        throw new ExpressionError("ERR_EXPRESSION_SYNTAX", `invalid pattern for matches: ${(err as Error).message}`);
      }
      // expr-lang's matches is a search, not an anchored match.
      return { type: "bool", run: (env) => re.matcher(l.run(env) as string).find() };
    }
    default:
      throw unsupported(`operator ${op}`);
  }
}

function compileCall(c: jsep.CallExpression, depth: number): Node {
  if (c.callee.type !== "Identifier") throw unsupported("call of a non-function");
  const name = (c.callee as jsep.Identifier).name;
  if (name === "len") {
    if (c.arguments.length !== 1) throw typeError("len takes one argument");
    const arg = compileNode(c.arguments[0]!, depth);
    if (arg.type !== "list" && arg.type !== "string") throw typeError(`len of ${arg.type}`);
    return { type: "int", run: (env) => (arg.type === "list" ? (arg.run(env) as string[]).length : Array.from(arg.run(env) as string).length) };
  }
  if (name in PREDICATES) {
    if (c.arguments.length !== 2) throw typeError(`${name} takes a list and a predicate`);
    const list = expect(compileNode(c.arguments[0]!, depth), "list", name);
    const pred = expect(compileNode(c.arguments[1]!, depth + 1), "bool", `${name} predicate`);
    const apply = PREDICATES[name as keyof typeof PREDICATES];
    return {
      type: "bool",
      run: (env) =>
        apply(list.run(env) as readonly string[], (x) => {
          env.elem.push(x);
          try {
            return pred.run(env) as boolean;
          } finally {
            env.elem.pop();
          }
        }),
    };
  }
  throw unsupported(`function ${name}`);
}

/** Compiles an expression once; throws ExpressionError for anything outside the grammar. */
export function compileExpression(source: string): CompiledExpression {
  if (source.trim() === "") throw new ExpressionError("ERR_EXPRESSION_SYNTAX", "empty expression");
  let ast: Expression;
  try {
    ast = jsep(preprocess(source));
  } catch (err) {
    if (err instanceof ExpressionError) throw err;
    throw new ExpressionError("ERR_EXPRESSION_SYNTAX", (err as Error).message);
  }
  if (ast.type === "Compound") throw new ExpressionError("ERR_EXPRESSION_SYNTAX", "more than one expression");
  const root = compileNode(ast, 0);
  if (root.type !== "bool") throw typeError(`expression result must be bool, got ${root.type}`);
  return (groups) => {
    const result = root.run({ groups, elem: [] });
    if (typeof result !== "boolean") throw new ExpressionError("ERR_EXPRESSION_EVAL", "non-boolean result");
    return result;
  };
}
