import type { IncomingMessage, ServerResponse } from "node:http";

export interface CompressedFile {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}
export const STATIC_PREFIX: string;
export function acceptsBrotli(header: unknown): boolean;
export function compressStatic(staticDir: string): Promise<Map<string, CompressedFile>>;
export function serveBrotli(
  table: ReadonlyMap<string, CompressedFile>,
  req: IncomingMessage,
  res: ServerResponse,
): boolean;
export function staticBrotliTable(staticDir?: string): ReadonlyMap<string, CompressedFile>;
