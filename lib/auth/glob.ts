// Go `path.Match` semantics for module grants (docs/auth.md §3.2, docs/browse-api.md §3.2).
// Translated to an anchored RegExp once per pattern: picomatch and minimatch differ from Go on
// `[!a]` and on malformed patterns, and this translator is the exact option (pitfalls.md).

export type GlobMatcher = (name: string) => boolean;

const NEVER: GlobMatcher = () => false;

const cp = (r: string) => `\\u{${r.codePointAt(0)!.toString(16)}}`;

/** One class element per Go's getEsc: a rune, possibly `\`-escaped; `-`/`]` where a rune is expected is malformed. */
function getEsc(chars: string[], i: number): { rune: string; next: number } | undefined {
  let j = i;
  if (j >= chars.length || chars[j] === "-" || chars[j] === "]") return undefined;
  if (chars[j] === "\\") {
    j += 1;
    if (j >= chars.length) return undefined;
  }
  const rune = chars[j]!;
  // Go requires something after the rune (the class must still be closed).
  if (j + 1 >= chars.length) return undefined;
  return { rune, next: j + 1 };
}

/** The RegExp source of a pattern, or undefined when Go would report ErrBadPattern. */
function globToRegExpSource(pattern: string): string | undefined {
  const chars = Array.from(pattern); // by code point, as Go reads runes
  let out = "";
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === "*") {
      out += "[^/]*";
      i += 1;
    } else if (c === "?") {
      out += "[^/]";
      i += 1;
    } else if (c === "\\") {
      if (i + 1 >= chars.length) return undefined;
      out += cp(chars[i + 1]!);
      i += 2;
    } else if (c === "[") {
      i += 1;
      let negated = false;
      if (chars[i] === "^") {
        negated = true;
        i += 1;
      }
      let ranges = "";
      let n = 0;
      for (;;) {
        if (chars[i] === "]" && n > 0) {
          i += 1;
          break;
        }
        const lo = getEsc(chars, i);
        if (!lo) return undefined;
        i = lo.next;
        let hi = lo.rune;
        if (chars[i] === "-") {
          const h = getEsc(chars, i + 1);
          if (!h) return undefined;
          hi = h.rune;
          i = h.next;
        }
        // A reversed range is valid in Go and matches nothing; a RegExp would reject it.
        if (lo.rune.codePointAt(0)! <= hi.codePointAt(0)!) ranges += `${cp(lo.rune)}-${cp(hi)}`;
        n += 1;
      }
      // Classes may match `/` in Go (only `*` and `?` exclude it).
      out += negated ? `[^${ranges}]` : ranges === "" ? "(?!)" : `[${ranges}]`;
    } else {
      out += cp(c);
      i += 1;
    }
  }
  return `^${out}$`;
}

export function compileGlob(pattern: string): GlobMatcher {
  const source = globToRegExpSource(pattern);
  if (source === undefined) return NEVER;
  const re = new RegExp(source, "u");
  return (name) => re.test(name);
}

export function globMatch(pattern: string, name: string): boolean {
  return compileGlob(pattern)(name);
}
