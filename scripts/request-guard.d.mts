import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { CompressedFile } from "./static-brotli.mjs";

export const MALFORMED_HEADER: string;
export const NOT_FOUND_PATH: string;
export const API_PREFIX: string;
export function isFlightRequest(req: IncomingMessage): boolean;
export function pathDecodes(pathname: string): boolean;
export function malformation(pathname: string, headers: IncomingMessage["headers"]): "path" | "header" | undefined;
export function rerouteMalformed(req: IncomingMessage): "path" | "header" | undefined;
export function allowedMethods(pathname: string): string;
export function guardResponse(req: IncomingMessage, res: ServerResponse): void;
export const PAGE_CACHE_HOOK: unique symbol;
export interface CapturedResponse {
  readonly status: number;
  readonly headers: import("node:http").OutgoingHttpHeaders;
  readonly body: Buffer;
}
export interface PageCacheHook {
  lookup(req: IncomingMessage): Promise<
    | {
        readonly key: string;
        readonly replay?: {
          status: number;
          headers: readonly [string, string | string[]][];
          body: readonly Buffer[];
          bytes: number;
        };
      }
    | undefined
  >;
  store(key: string, page: CapturedResponse): void;
}
export function captureResponse(res: ServerResponse, done: (page: CapturedResponse) => void): void;
export function guardListener(
  listener: RequestListener,
  brotliTable?: ReadonlyMap<string, CompressedFile>,
): RequestListener;
