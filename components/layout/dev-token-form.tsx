// The dev bearer token, behind a disclosure: a tool for developers, not a main feature. A token
// the gate rejects is explained here, inline (the route sends back `dev_token_error`), and is
// never stored. Rendered by the server: the error arrives with a full page load (the route's
// redirect after the POST).

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

// A Map: the code comes from the URL.
const ERRORS = new Map([
  [
    "rejected",
    "That token was not accepted (expired, from another issuer, or for another audience). Nothing was saved.",
  ],
  ["unavailable", "The identity provider cannot be reached, so the token could not be checked. Nothing was saved."],
  ["too_large", "That token is too large to keep in a cookie. Nothing was saved."],
]);

export function DevTokenForm({
  hasDevToken,
  code,
  icon,
}: {
  hasDevToken: boolean;
  /** The request's `dev_token_error`, if any. */
  code: string | null;
  icon: ReactNode;
}) {
  const error = code !== null ? (ERRORS.get(code) ?? ERRORS.get("rejected")) : undefined;
  return (
    <details
      className="text-sm group-data-[collapsed=true]/side:md:hidden"
      open={error !== undefined || undefined}
      data-testid="dev-token"
    >
      <summary className="flex cursor-pointer items-center gap-2 font-medium">
        <span aria-hidden="true" className="inline-flex text-muted">
          {icon}
        </span>
        Use a bearer token
        {hasDevToken ? <span className="text-xs font-normal text-muted">(one is stored)</span> : null}
      </summary>
      <form method="post" action="/auth/dev-token" className="mt-2 space-y-2">
        <label htmlFor="dev-token" className="block text-xs font-medium text-muted">
          Dev bearer token
        </label>
        <Input
          id="dev-token"
          name="token"
          type="password"
          autoComplete="off"
          placeholder={hasDevToken ? "A token is stored" : "Paste a JWT"}
          className="w-full"
          aria-invalid={error !== undefined || undefined}
          aria-describedby={error ? "dev-token-error" : undefined}
        />
        {error ? (
          <p id="dev-token-error" role="alert" className="text-xs text-danger">
            {error}
          </p>
        ) : null}
        <Button type="submit" size="sm">
          Save
        </Button>
      </form>
      {hasDevToken ? (
        <form method="post" action="/auth/dev-token" className="mt-2">
          <input type="hidden" name="token" value="" />
          <Button type="submit" size="sm">
            Clear dev token
          </Button>
        </form>
      ) : null}
    </details>
  );
}
