import { PageState } from "@/components/layout/page-state";
import { pageContext } from "@/lib/server/page-context";

export default async function NotFound() {
  const ctx = await pageContext();
  return <PageState kind="not-found" title="Not found" returnTo={ctx.path} signInEnabled={ctx.mode === "oidc"} signedIn={ctx.session !== undefined || ctx.viewer?.identity !== undefined} />;
}
