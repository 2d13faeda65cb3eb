// One shared copy of values that repeat across objects (namespaces, platforms, sync messages,
// findings, labels): JSON.parse and the YAML reader give every occurrence its own copy, and at
// 100,000 Versions the copies were about a third of the model's memory (bench/results/HISTORY.md).
// A table is emptied when it reaches its bound, so values of deleted objects cannot pile up; after
// that, new objects share the next copies and old ones keep theirs.

export class Interner<V> {
  private table = new Map<string, V>();

  constructor(private readonly maxEntries: number) {}

  /** The shared value for `key`, made by `make` the first time. */
  get(key: string, make: () => V): V {
    const hit = this.table.get(key);
    if (hit !== undefined) return hit;
    if (this.table.size >= this.maxEntries) this.table = new Map();
    const value = make();
    this.table.set(key, value);
    return value;
  }

  get size(): number {
    return this.table.size;
  }
}

/**
 * The string as one piece. The YAML reader builds plain scalars a character at a time, which V8
 * keeps as a tree of pieces (~30 bytes per character, 16 MiB for downloads.yaml at the large
 * size); reading a character flattens the tree, and the collector then drops the pieces.
 */
export function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/** Longer strings are rarely repeated (descriptions, checksums) and are kept as read. */
const MAX_INTERNED_LENGTH = 256;
const strings = new Interner<string>(1 << 17);

/** The shared copy of a string that many objects hold the same. */
export function intern(s: string): string {
  return s.length > MAX_INTERNED_LENGTH ? flat(s) : strings.get(flat(s), () => s);
}
