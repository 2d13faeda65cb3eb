/** Code-unit order (docs/browse-api.md §1): every string sort uses it, never localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
