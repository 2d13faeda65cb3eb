// Sidebar footer: sign-in state, sign out, and (only when enabled) the dev bearer token input.
// Plain forms: they work without JavaScript and post same-origin.

import { SignInLink } from "./sign-in-link";

export interface AccountPanelProps {
  signInEnabled: boolean;
  name?: string;
  email?: string;
  devTokenEnabled: boolean;
  hasDevToken: boolean;
}

export function AccountPanel({ signInEnabled, name, email, devTokenEnabled, hasDevToken }: AccountPanelProps) {
  return (
    <div className="space-y-3 text-sm">
      {name || email ? (
        <div>
          <p className="font-medium" data-testid="identity-name">{name ?? email}</p>
          {email && name ? <p className="text-slate-600 dark:text-slate-400">{email}</p> : null}
          <form method="post" action="/auth/logout" className="mt-2">
            <button type="submit" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
              Sign out
            </button>
          </form>
        </div>
      ) : signInEnabled ? (
        <SignInLink />
      ) : null}
      {devTokenEnabled ? (
        <form method="post" action="/auth/dev-token" className="space-y-1">
          <label htmlFor="dev-token" className="block font-medium">
            Dev bearer token
          </label>
          <input
            id="dev-token"
            name="token"
            type="password"
            autoComplete="off"
            placeholder={hasDevToken ? "A token is stored" : "Paste a JWT"}
            className="w-full rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          />
          <button type="submit" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            Save
          </button>
        </form>
      ) : null}
      {devTokenEnabled && hasDevToken ? (
        <form method="post" action="/auth/dev-token">
          <input type="hidden" name="token" value="" />
          <button type="submit" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            Clear dev token
          </button>
        </form>
      ) : null}
    </div>
  );
}
