import { PageState } from "@/app/_components/page-state";
import { pageContext } from "@/app/_server/page-context";

export default async function NotFound() {
  const ctx = await pageContext();
  return (
    <PageState
      kind="not-found"
      title="Not found"
      returnTo={ctx.path}
      signInEnabled={ctx.mode === "oidc"}
      signedIn={ctx.session !== undefined || ctx.viewer?.identity !== undefined}
    />
  );
}
