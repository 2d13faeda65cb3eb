import { compareStrings } from "./compare";
import { Interner } from "./intern";

// Version strings (docs/browse-api.md §1 normalize, docs/browse-api.md §3.3 parsing, precedence, total order, equality).
// Parsed once per Version at index build; every comparison works on parsed values.

const SEMVER =
  /^(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const DIGITS = /^\d+$/;

export interface ParsedVersion {
  readonly normalized: string;
  /** Major, minor, patch without leading zeros (compared by length, then text: arbitrary precision). */
  readonly core?: readonly [string, string, string];
  readonly prerelease?: readonly string[];
  /** Non-SemVer: the token form of the normalized string. */
  readonly tokens?: readonly string[];
}

/** Trim, then remove one leading `v` or `V`. */
export function normalizeVersion(raw: string): string {
  const t = raw.trim();
  return t.startsWith("v") || t.startsWith("V") ? t.slice(1) : t;
}

/**
 * Parsed once per distinct string and frozen: 100,000 Versions hold far fewer distinct versions,
 * and each parse is an object and one or two arrays. Bounded, as requests parse their own input.
 */
const parsed = new Interner<ParsedVersion>(1 << 14);

export function parseVersion(normalized: string): ParsedVersion {
  return parsed.get(normalized, () => Object.freeze(parse(normalized)));
}

function parse(normalized: string): ParsedVersion {
  const m = SEMVER.exec(normalized);
  if (!m) {
    return { normalized, tokens: normalized.split(/[.\-+]/).filter((t) => t !== "") };
  }
  return {
    normalized,
    core: [m[1]!, m[2] ?? "0", m[3] ?? "0"],
    ...(m[4] !== undefined ? { prerelease: m[4].split(".") } : {}),
  };
}

export function isRelease(v: ParsedVersion): boolean {
  return v.core !== undefined && v.prerelease === undefined;
}

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Compares two digit strings numerically, at any length (leading zeros ignored). */
function cmpDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, "");
  const y = b.replace(/^0+(?=\d)/, "");
  return x.length !== y.length ? sign(x.length - y.length) : compareStrings(x, y);
}

function cmpPrerelease(a: readonly string[] | undefined, b: readonly string[] | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xn = DIGITS.test(x);
    const yn = DIGITS.test(y);
    const c = xn && yn ? cmpDigits(x, y) : xn ? -1 : yn ? 1 : compareStrings(x, y);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

function cmpTokens(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xn = DIGITS.test(x);
    const yn = DIGITS.test(y);
    const c = xn && yn ? cmpDigits(x, y) : xn ? 1 : yn ? -1 : compareStrings(x.toLowerCase(), y.toLowerCase());
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

/** Precedence only (docs/browse-api.md §3.3 rules 1–3): -1, 0 or 1. */
export function comparePrecedence(a: ParsedVersion, b: ParsedVersion): number {
  if (a.core && b.core) {
    for (let i = 0; i < 3; i++) {
      const c = cmpDigits(a.core[i]!, b.core[i]!);
      if (c !== 0) return c;
    }
    return cmpPrerelease(a.prerelease, b.prerelease);
  }
  if (a.core) return 1;
  if (b.core) return -1;
  return cmpTokens(a.tokens!, b.tokens!);
}

/** Same version (docs/browse-api.md §3.3): equal precedence for SemVer; equal normalized strings otherwise. */
export function isSameVersion(a: ParsedVersion, b: ParsedVersion): boolean {
  if (a.core && b.core) return comparePrecedence(a, b) === 0;
  return a.normalized === b.normalized;
}

/** Total order, ascending (older first): precedence, then normalized, then raw string. */
export function compareTotal(a: ParsedVersion, aRaw: string, b: ParsedVersion, bRaw: string): number {
  return comparePrecedence(a, b) || compareStrings(a.normalized, b.normalized) || compareStrings(aRaw, bRaw);
}
