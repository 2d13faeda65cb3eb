import { jsonResponse } from "@/lib/server/http";
import { readiness } from "@/lib/server/readiness";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  const body = readiness(getRuntime(), request);
  return jsonResponse(body, body.ready ? 200 : 503);
}
