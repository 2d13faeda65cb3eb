import { NotFoundError } from "@/lib/errors";
import { errorResponse } from "@/lib/server/http";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/** Unknown browse routes answer the JSON 404 of browse-api.md §4.4, not an HTML page. */
export function GET() {
  return errorResponse(new NotFoundError(), getRuntime().logger);
}
