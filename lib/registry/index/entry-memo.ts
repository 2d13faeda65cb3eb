// Values derived from one entry of an index (a card, a version row, a card's summary, a resource's
// version spellings), computed once and kept as long as the index. They used to sit in WeakMaps
// keyed by the entry; at the large size those held 12,000 entries, and V8 resolves weak-map
// entries (ephemerons) in the collector's final pause: 8-19 ms of 18-30 ms mark-compact pauses
// (bench/results/HISTORY.md). Here each index owns one ordinary Map per kind of value, among its
// derived values (./derived.ts). An entry an update left unchanged is the same object in the next
// index, so its value is taken over from the index the update started from (`lineage.previous`,
// one step).

import { derivedOf, peekDerived } from "./derived";
import type { RegistryIndex } from "./types";

export interface EntryMemo<K extends object, V> {
  /** The value for `entry` in `index`, made by `make` on the first request. */
  get(index: RegistryIndex, entry: K, make: (entry: K) => V): V;
  /** The value if one was made for `entry` in `index` (or its previous index); undefined otherwise. */
  peek(index: RegistryIndex, entry: K): V | undefined;
  set(index: RegistryIndex, entry: K, value: V): void;
}

/** `name` must be unique per kind of value: it names the table among the index's derived values. */
export function entryMemo<K extends object, V>(name: string): EntryMemo<K, V> {
  const key = `entry-memo/${name}`;
  const empty = () => new Map<K, V>();
  const table = (index: RegistryIndex): Map<K, V> => derivedOf(index, key, empty);
  const peek = (index: RegistryIndex, entry: K): V | undefined => {
    const own = table(index);
    if (own.has(entry)) return own.get(entry);
    const previous = index.lineage?.previous;
    const before = previous ? peekDerived<Map<K, V>>(previous, key) : undefined;
    if (!before?.has(entry)) return undefined;
    const value = before.get(entry) as V;
    own.set(entry, value);
    return value;
  };
  return {
    get(index, entry, make) {
      const hit = peek(index, entry);
      if (hit !== undefined) return hit;
      const value = make(entry);
      table(index).set(entry, value);
      return value;
    },
    peek,
    set(index, entry, value) {
      table(index).set(entry, value);
    },
  };
}
