import { RequestCookies } from "@/lib/server/auth-http";
import { getRuntime } from "@/lib/server/runtime";
import { finishSignIn, signInResponse } from "@/lib/server/sign-in";

export const dynamic = "force-dynamic";

/** The identity provider's answer: the session, or a page saying why not (docs/auth.md §4). */
export async function GET(request: Request) {
  const jar = new RequestCookies(request.headers.get("cookie"));
  const outcome = await finishSignIn(getRuntime(), jar, new URL(request.url));
  return jar.applyTo(signInResponse(outcome));
}
