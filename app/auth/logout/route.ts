import { forbidden, htmlPage, RequestCookies, sameOrigin } from "@/lib/server/auth-http";
import { getRuntime } from "@/lib/server/runtime";
import { signInResponse, signOut } from "@/lib/server/sign-in";

export const dynamic = "force-dynamic";

/** A GET never signs out (no logout by cross-site link): it shows a form that posts. */
export function GET() {
  return htmlPage(
    200,
    "Sign out",
    ["Sign out of the registry explorer?"],
    { href: "/", text: "Cancel" },
    '<form method="post" action="/auth/logout"><button type="submit">Sign out</button></form>',
  );
}

export async function POST(request: Request) {
  const runtime = getRuntime();
  if (!sameOrigin(runtime, request)) return forbidden("cross-origin request refused");
  const jar = new RequestCookies(request.headers.get("cookie"));
  const outcome = await signOut(runtime, jar);
  return outcome.kind === "not-configured"
    ? forbidden("sign-in is not configured")
    : jar.applyTo(signInResponse(outcome));
}
