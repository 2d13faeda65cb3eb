import { BadRequestError, NotFoundError } from "@/lib/errors";
import { errorResponse } from "@/lib/server/http";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/**
 * Unknown browse routes answer the JSON 404 of docs/browse-api.md §4.4, not an HTML page. Requests
 * the framework cannot parse arrive here too, rerouted by scripts/request-guard.mjs with the
 * reason in a header only the guard sets: they answer 400 through the same error path.
 */
export function GET(request: Request) {
  const malformed = request.headers.get("x-opendepot-malformed");
  const err =
    malformed === "path"
      ? new BadRequestError("the request path holds a malformed percent-escape", "path")
      : malformed === "header"
        ? new BadRequestError("malformed Next-Router-State-Tree header", "Next-Router-State-Tree")
        : new NotFoundError();
  return errorResponse(err, getRuntime().logger);
}
