// Values computed from one index and kept exactly as long as it: the visible sets, the entry memos
// and what the next incremental update needs. They live in a Map the index owns (a field, so every
// bundle finds the same one), not in WeakMaps keyed by the index. V8 marks a weak map's value only
// after it has marked the key; values whose key it reached late in a concurrent cycle were left
// for the collector's final pause, which then marked every visible set and card there: up to
// 17 ms of the 21-33 ms mark-compacts at the large size, under 2 ms once they were held strongly
// (bench/results/HISTORY.md, issue 14).

import type { RegistryIndex } from "./types";

/** `map`'s value for `key`, made by `make` and stored the first time. */
export function getOrMake<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  // One lookup when the value is there (every request asks); `has` only for a stored undefined.
  const found = map.get(key);
  if (found !== undefined || map.has(key)) return found as V;
  const value = make();
  map.set(key, value);
  return value;
}

/** The value `index` holds under `key`, made by `make` the first time; keys are module constants. */
export function derivedOf<T>(index: RegistryIndex, key: string, make: () => T): T {
  return getOrMake(index.derived, key, make) as T;
}

/** The value `index` holds under `key`, if one was made. */
export function peekDerived<T>(index: RegistryIndex, key: string): T | undefined {
  return index.derived.get(key) as T | undefined;
}
