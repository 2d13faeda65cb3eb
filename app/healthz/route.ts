import { jsonResponse } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export function GET() {
  return jsonResponse({ ok: true });
}
