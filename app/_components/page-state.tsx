// One component for every state in which a page cannot show its content, with what to do next:
// the registry still loading, credentials not accepted (sign in again / clear the dev token), the
// identity provider unreachable, a session that expired, and not found (Sign in when signed out).
// The shell (sidebar, top bar) stays around it, so the navigation never disappears.

import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader, PageMain } from "@/components/ui/page-header";
import { registryPath, signInPath } from "@/lib/routes";
import { pageContext, type PageContext } from "@/app/_server/page-context";

export type PageStateKind =
  "loading" | "unauthorized" | "dev-token-rejected" | "idp-unavailable" | "session-expired" | "not-found";

export interface PageStateProps {
  kind: PageStateKind;
  /** The page's own title, kept as the h1 so a person knows where they are. */
  title: string;
  /** Where Sign in returns to. */
  returnTo: string;
  /** Sign-in is configured (OIDC). */
  signInEnabled?: boolean;
  signedIn?: boolean;
}

function ClearDevToken() {
  return (
    <form method="post" action="/auth/dev-token" className="inline">
      <input type="hidden" name="token" value="" />
      <button type="submit" className={buttonClass("primary")}>
        Clear the dev token
      </button>
    </form>
  );
}

function body({ kind, returnTo, signInEnabled, signedIn }: PageStateProps): {
  tone: "info" | "warning" | "danger";
  title: string;
  text: ReactNode;
  actions?: ReactNode;
} {
  const signIn = (label: string) => (
    <a href={signInPath(returnTo)} className={buttonClass("primary")}>
      {label}
    </a>
  );
  switch (kind) {
    case "loading":
      return {
        tone: "info",
        title: "The registry is still loading",
        text: "The explorer has not finished reading the registry yet. This takes a few seconds after a start.",
        actions: (
          <a href={returnTo} className={buttonClass("secondary")}>
            Reload
          </a>
        ),
      };
    case "unauthorized":
      return {
        tone: "danger",
        title: "Your credentials were not accepted",
        text: "The registry rejected your sign-in: it may have expired, or come from another identity provider. Sign in again to continue.",
        actions: signIn("Sign in again"),
      };
    case "dev-token-rejected":
      return {
        tone: "danger",
        title: "Your credentials were not accepted",
        text: "The dev bearer token you saved was rejected (expired, from another issuer, or for another audience). It takes precedence over your sign-in, so clear it to continue.",
        actions: <ClearDevToken />,
      };
    case "idp-unavailable":
      return {
        tone: "warning",
        title: "The identity provider cannot be reached",
        text: "Your credentials cannot be checked right now. Public resources come back once the provider answers; try again in a moment.",
        actions: (
          <a href={returnTo} className={buttonClass("secondary")}>
            Try again
          </a>
        ),
      };
    case "session-expired":
      return {
        tone: "info",
        title: "Your session expired",
        text: "You now see the public view.",
        actions: signIn("Sign in again"),
      };
    case "not-found":
      return {
        tone: "info",
        title: "Nothing here",
        text: signedIn
          ? "There is no such page, or the module or provider does not exist, or your groups do not grant it. “Who am I?” in the menu says what your groups grant."
          : "There is no such page, or the module or provider does not exist, or it is private." +
            (signInEnabled ? " Signing in may show it." : ""),
        actions: (
          <>
            {signInEnabled && !signedIn ? signIn("Sign in") : null}
            <a href={registryPath()} className={buttonClass("secondary")}>
              Back to the registry
            </a>
          </>
        ),
      };
  }
}

/** The state as a whole page (h1 and one alert with its actions). */
export function PageState(props: PageStateProps) {
  const b = body(props);
  return (
    <PageMain>
      <PageHeader title={props.title} />
      <Alert tone={b.tone} title={b.title} className="mt-4 max-w-2xl" testId="page-state">
        <p>{b.text}</p>
        {b.actions ? <div className="mt-3 flex flex-wrap gap-2">{b.actions}</div> : null}
      </Alert>
    </PageMain>
  );
}

/** The state as a banner above content that still renders (a session that just expired). */
export function PageStateBanner(props: PageStateProps) {
  const b = body(props);
  return (
    <Alert tone={b.tone} title={b.title} className="mt-4" testId="page-state">
      <p>{b.text}</p>
      {b.actions ? <div className="mt-3 flex flex-wrap gap-2">{b.actions}</div> : null}
    </Alert>
  );
}

/** The blocking state of a page, if any: pages return it instead of their content. */
export function blockingState(ctx: PageContext, title: string): ReactNode | undefined {
  const common = { title, returnTo: ctx.path, signInEnabled: ctx.mode === "oidc", signedIn: ctx.session !== undefined };
  if (ctx.problem === "unauthorized")
    return (
      <PageState kind={ctx.rejectedCredential === "dev-token" ? "dev-token-rejected" : "unauthorized"} {...common} />
    );
  if (ctx.problem === "idp-unavailable") return <PageState kind="idp-unavailable" {...common} />;
  if (!ctx.state || !ctx.viewer) return <PageState kind="loading" {...common} />;
  return undefined;
}

/** Shown above every page's content once after a session expired (proxy.ts flags the request). */
export async function SessionNotice() {
  const ctx = await pageContext();
  if (!ctx.sessionExpired) return null;
  return (
    <div className="mx-auto w-full max-w-6xl px-4 md:px-6">
      <PageStateBanner kind="session-expired" title="" returnTo={ctx.path} signInEnabled={ctx.mode === "oidc"} />
    </div>
  );
}
