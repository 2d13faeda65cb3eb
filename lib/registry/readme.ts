// README ConfigMap values (docs/browse-api.md §2.9): strict base64, then UTF-8 with U+FFFD.

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes a README value, or undefined when it is not valid base64. */
export function decodeReadme(value: string): string | undefined {
  // Node's Buffer.from(s, "base64") skips invalid characters silently, so validate first.
  const compact = value.replace(/[\t\n\f\r ]/g, "");
  if (!BASE64.test(compact)) return undefined;
  const body = compact.replace(/=+$/, "");
  const padding = compact.length - body.length;
  if (body.length % 4 === 1) return undefined;
  if (padding > 0 && compact.length % 4 !== 0) return undefined;
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.from(body, "base64"));
}
