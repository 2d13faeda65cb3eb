import { RequestCookies } from "@/lib/server/auth-http";
import { getRuntime } from "@/lib/server/runtime";
import { signInResponse, startSignIn } from "@/lib/server/sign-in";

export const dynamic = "force-dynamic";

/** Starts a browser sign-in at the identity provider (docs/auth.md §4). */
export async function GET(request: Request) {
  const jar = new RequestCookies(request.headers.get("cookie"));
  const outcome = await startSignIn(getRuntime(), jar, new URL(request.url).searchParams.get("returnTo"));
  return jar.applyTo(signInResponse(outcome));
}
