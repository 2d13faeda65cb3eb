import { metrics } from "@/lib/server/metrics";
import { hasDiagnosticsToken } from "@/lib/server/readiness";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/** Prometheus metrics, only with `Authorization: Bearer <DIAGNOSTICS_TOKEN>`; 404 otherwise. */
export async function GET(request: Request) {
  if (!hasDiagnosticsToken(getRuntime(), request))
    return new Response("not found\n", { status: 404, headers: { "Content-Type": "text/plain" } });
  const registry = metrics().registry;
  return new Response(await registry.metrics(), {
    headers: { "Content-Type": registry.contentType, "Cache-Control": "private, no-store" },
  });
}
