/** Joins class names, skipping falsy ones; the caller's className goes last. */
export function cn(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}
