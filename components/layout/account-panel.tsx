// Top of the sidebar: who is signed in, Sign in / Sign out. Plain forms: they work without
// JavaScript and post same-origin.

import { LogIn, LogOut, UserRound } from "lucide";
import { Icon } from "@/components/ui/icon";
import { buttonClass } from "@/components/ui/button";
import { signInPath } from "@/lib/routes";
import { SignInLink } from "./sign-in-link";

export interface AccountPanelProps {
  signInEnabled: boolean;
  name?: string;
  email?: string;
}

export function AccountPanel({ signInEnabled, name, email }: AccountPanelProps) {
  if (name || email) {
    return (
      <div className="text-sm" data-testid="account">
        <div className="flex items-center gap-2">
          <Icon
            node={UserRound}
            aria-hidden="true"
            className="h-8 w-8 shrink-0 rounded-full bg-subtle p-1.5 text-muted"
          />
          <div className="min-w-0 flex-1 group-data-[collapsed=true]/side:md:hidden">
            <p className="truncate font-medium" data-testid="identity-name" title={name ?? email}>
              {name ?? email}
            </p>
            {email && name ? (
              <p className="truncate text-xs text-muted" title={email}>
                {email}
              </p>
            ) : null}
          </div>
        </div>
        <form method="post" action="/auth/logout" className="mt-2 group-data-[collapsed=true]/side:md:hidden">
          <button type="submit" className={buttonClass("secondary", "sm")}>
            <Icon node={LogOut} aria-hidden="true" className="h-3.5 w-3.5" />
            Sign out
          </button>
        </form>
      </div>
    );
  }
  if (!signInEnabled) return null;
  return (
    <div className="group-data-[collapsed=true]/side:md:hidden" data-testid="account">
      <SignInLink
        href={signInPath("")}
        className={buttonClass("primary")}
        icon={<Icon node={LogIn} aria-hidden="true" className="h-4 w-4" />}
      />
    </div>
  );
}
