import { RequestCookies } from "@/lib/server/auth-http";
import { saveDevToken } from "@/lib/server/dev-token";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/** Keeps, replaces or clears a pasted bearer token (docs/auth.md §4). */
export async function POST(request: Request) {
  const jar = new RequestCookies(request.headers.get("cookie"));
  return jar.applyTo(await saveDevToken(getRuntime(), jar, request));
}
