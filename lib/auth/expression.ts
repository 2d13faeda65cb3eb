// GroupBinding expressions (docs/auth.md §3.1): an expr-lang subset over one variable, `groups`.
// Parsed with jsep (no expr-lang port exists on npm), type-checked at compile time, and turned
// into a tree of closures; there is no eval anywhere. Anything not listed is a compile error.
//
// Bindings come from cluster objects and groups from tokens, so both are bounded: an expression
// past EXPRESSION_LIMITS is a compile error, and each evaluation spends from a budget that grows
// with the number of groups (evaluationBudget) — nested predicates cost groups² per level, and
// 600 groups under three levels blocked the event loop for seconds before the budget existed.

import jsep, { type Expression } from "jsep";
import { RE2JS } from "re2js";
import { ExplorerError, type InternalErrorCode } from "../errors";

export type CompiledExpression = (groups: readonly string[], budget?: Budget) => boolean;

export type ExpressionErrorCode = Extract<InternalErrorCode, `ERR_EXPRESSION_${string}`>;

export class ExpressionError extends ExplorerError<ExpressionErrorCode> {}

/** Compile-time bounds: longer, larger or deeper expressions are compile errors (fail closed). */
export const EXPRESSION_LIMITS = {
  /** Characters of source. */
  maxLength: 4096,
  /** Syntax nodes after parsing. */
  maxNodes: 1000,
  /** Nesting of parentheses, calls, `not` and predicates; a chain of `and`/`or` counts once. */
  maxDepth: 32,
} as const;

/**
 * Work units one evaluation may spend: one per predicate step, one per 16 groups scanned by `in`.
 * Linear in the groups (a few dozen passes over them per request), never their square, and capped;
 * a budget spent on nested predicates over 1,000 groups took about 4 ms here.
 */
export function evaluationBudget(groupCount: number): number {
  return Math.min(20_000 + 64 * groupCount, MAX_EVALUATION_BUDGET);
}

/** About 5 ms of predicate steps here, whatever the token holds. */
const MAX_EVALUATION_BUDGET = 100_000;

/** A per-request allowance shared by every binding evaluated for that request. */
export interface Budget {
  left: number;
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
type Env = { groups: readonly string[]; elem: string[]; budget: Budget };

function spend(env: Env, units: number): void {
  env.budget.left -= units;
  if (env.budget.left < 0) throw new ExpressionError("ERR_EXPRESSION_BUDGET", "evaluation budget exceeded");
}
interface Node {
  readonly type: Type;
  readonly run: (env: Env) => unknown;
}

const unsupported = (what: string) =>
  new ExpressionError("ERR_EXPRESSION_UNSUPPORTED", `unsupported construct: ${what}`);
const typeError = (msg: string) => new ExpressionError("ERR_EXPRESSION_TYPE", msg);

function expect(node: Node, type: Type, where: string): Node {
  if (node.type !== type) throw typeError(`${where} needs ${type}, got ${node.type}`);
  return node;
}

type Predicate = (xs: readonly string[], p: (x: string) => boolean) => boolean;

// A Map, not an object: a name from the expression must never reach Object.prototype.
const PREDICATES = new Map<string, Predicate>([
  ["any", (xs, p) => xs.some(p)],
  ["all", (xs, p) => xs.every(p)],
  ["none", (xs, p) => !xs.some(p)],
  ["one", (xs, p) => xs.filter(p).length === 1],
]);

const CHAIN_OPS = new Map([
  ["and", "and"],
  ["&&", "and"],
  ["or", "or"],
  ["||", "or"],
]);

/** The operands of a left-leaning `a or b or c` chain, without recursion. */
function chainOperands(b: jsep.BinaryExpression): Expression[] {
  const group = CHAIN_OPS.get(b.operator);
  const right: Expression[] = [];
  let cur: Expression = b;
  while (cur.type === "BinaryExpression" && CHAIN_OPS.get((cur as jsep.BinaryExpression).operator) === group) {
    right.push((cur as jsep.BinaryExpression).right);
    cur = (cur as jsep.BinaryExpression).left;
  }
  return [cur, ...right.reverse()];
}

function childrenOf(e: Expression): Expression[] {
  switch (e.type) {
    case "BinaryExpression": {
      const b = e as jsep.BinaryExpression;
      return CHAIN_OPS.has(b.operator) ? chainOperands(b) : [b.left, b.right];
    }
    case "UnaryExpression":
      return [(e as jsep.UnaryExpression).argument];
    case "CallExpression":
      return [(e as jsep.CallExpression).callee, ...(e as jsep.CallExpression).arguments];
    case "ArrayExpression":
      return (e as jsep.ArrayExpression).elements.filter((x): x is Expression => x !== null);
    case "Compound":
      return (e as jsep.Compound).body;
    default:
      return Object.values(e).filter(
        (v): v is Expression => typeof v === "object" && v !== null && typeof (v as Expression).type === "string",
      );
  }
}

/** Checks size and depth iteratively, so a hostile tree cannot overflow the stack here. */
function checkLimits(ast: Expression): void {
  const stack: [Expression, number][] = [[ast, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [e, depth] = stack.pop()!;
    if (++nodes > EXPRESSION_LIMITS.maxNodes)
      throw new ExpressionError("ERR_EXPRESSION_LIMIT", `expression has more than ${EXPRESSION_LIMITS.maxNodes} terms`);
    if (depth > EXPRESSION_LIMITS.maxDepth)
      throw new ExpressionError(
        "ERR_EXPRESSION_LIMIT",
        `expression nests deeper than ${EXPRESSION_LIMITS.maxDepth} levels`,
      );
    for (const c of childrenOf(e)) stack.push([c, depth + 1]);
  }
}

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
  const op = b.operator;
  if (CHAIN_OPS.has(op)) {
    // One node per chain: `a or b or … ` with thousands of terms stays shallow.
    const parts = chainOperands(b).map((x) => expect(compileNode(x, depth), "bool", op));
    const and = CHAIN_OPS.get(op) === "and";
    return {
      type: "bool",
      run: (env) => {
        for (const p of parts) if ((p.run(env) as boolean) !== and) return !and;
        return and;
      },
    };
  }
  const l = compileNode(b.left, depth);
  const r = compileNode(b.right, depth);
  switch (op) {
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
      if (l.type !== r.type || (l.type !== "int" && l.type !== "string"))
        throw typeError(`cannot order ${l.type} ${op} ${r.type}`);
      const cmp = (a: number | string, c: number | string) =>
        op === "<" ? a < c : op === ">" ? a > c : op === "<=" ? a <= c : a >= c;
      return { type: "bool", run: (env) => cmp(l.run(env) as number | string, r.run(env) as number | string) };
    }
    case "in":
    case NOT_IN: {
      expect(l, "string", op === "in" ? "in" : "not in");
      expect(r, "list", op === "in" ? "in" : "not in");
      const want = op === "in";
      return {
        type: "bool",
        run: (env) => {
          const list = r.run(env) as readonly string[];
          // A native scan costs a small fraction of a predicate step per element.
          spend(env, 1 + (list.length >> 4));
          return list.includes(l.run(env) as string) === want;
        },
      };
    }
    case "contains":
    case "startsWith":
    case "endsWith": {
      expect(l, "string", op);
      expect(r, "string", op);
      const f =
        op === "contains"
          ? (a: string, c: string) => a.includes(c)
          : op === "startsWith"
            ? (a: string, c: string) => a.startsWith(c)
            : (a: string, c: string) => a.endsWith(c);
      return { type: "bool", run: (env) => f(l.run(env) as string, r.run(env) as string) };
    }
    case "matches": {
      expect(l, "string", op);
      const lit = b.right as jsep.Literal;
      if (b.right.type !== "Literal" || typeof lit.value !== "string")
        throw typeError("matches needs a string literal pattern");
      let re: RE2JS;
      try {
        re = RE2JS.compile(lit.value);
      } catch (err) {
        throw new ExpressionError("ERR_EXPRESSION_SYNTAX", `invalid pattern for matches: ${(err as Error).message}`);
      }
      // expr-lang's matches is a search, not an anchored match. RE2 runs in linear time.
      return {
        type: "bool",
        run: (env) => {
          const text = l.run(env) as string;
          spend(env, 1 + (text.length >> 6));
          return re.matcher(text).find();
        },
      };
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
    return {
      type: "int",
      run: (env) =>
        arg.type === "list" ? (arg.run(env) as string[]).length : Array.from(arg.run(env) as string).length,
    };
  }
  const apply = PREDICATES.get(name);
  if (apply) {
    if (c.arguments.length !== 2) throw typeError(`${name} takes a list and a predicate`);
    const list = expect(compileNode(c.arguments[0]!, depth), "list", name);
    const pred = expect(compileNode(c.arguments[1]!, depth + 1), "bool", `${name} predicate`);
    return {
      type: "bool",
      run: (env) =>
        apply(list.run(env) as readonly string[], (x) => {
          spend(env, 1);
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

/**
 * Compiles an expression once; throws ExpressionError for anything outside the grammar or past
 * EXPRESSION_LIMITS. The compiled function throws ExpressionError (ERR_EXPRESSION_BUDGET) when
 * the evaluation spends more than `budget` (default: a fresh evaluationBudget for the groups).
 */
export function compileExpression(source: string): CompiledExpression {
  if (source.trim() === "") throw new ExpressionError("ERR_EXPRESSION_SYNTAX", "empty expression");
  if (source.length > EXPRESSION_LIMITS.maxLength) {
    throw new ExpressionError(
      "ERR_EXPRESSION_LIMIT",
      `expression is longer than ${EXPRESSION_LIMITS.maxLength} characters`,
    );
  }
  let ast: Expression;
  try {
    ast = jsep(preprocess(source));
  } catch (err) {
    if (err instanceof ExpressionError) throw err;
    // jsep recurses on parentheses: a RangeError here is nesting past the stack.
    const message = err instanceof RangeError ? "expression nests too deeply" : (err as Error).message;
    throw new ExpressionError("ERR_EXPRESSION_SYNTAX", message, { cause: err });
  }
  if (ast.type === "Compound") throw new ExpressionError("ERR_EXPRESSION_SYNTAX", "more than one expression");
  checkLimits(ast);
  const root = compileNode(ast, 0);
  if (root.type !== "bool") throw typeError(`expression result must be bool, got ${root.type}`);
  return (groups, budget = { left: evaluationBudget(groups.length) }) => {
    const result = root.run({ groups, elem: [], budget });
    if (typeof result !== "boolean") throw new ExpressionError("ERR_EXPRESSION_EVAL", "non-boolean result");
    return result;
  };
}
