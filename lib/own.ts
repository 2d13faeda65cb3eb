// Lookups by a key that came from outside (a request, a manifest, a token): only the object's own
// properties count, so `constructor`, `toString` or `__proto__` find nothing.

/** `record[key]` when `key` is an own property of `record`, else undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined; // own-key: checked
}
