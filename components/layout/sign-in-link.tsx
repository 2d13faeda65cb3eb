"use client";

import { usePathname, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";

/**
 * Sign in, returning to the page the person is on — read in the browser, as a page may change its
 * query without a page load (the Depots filters, the detail page's tabs). `href` is the sign-in
 * path up to the return address and `className` its look, both from the server, so this bundle
 * carries neither lib/routes nor the button styles (README "Page weight").
 */
export function SignInLink({ href, icon, className }: { href: string; icon: ReactNode; className: string }) {
  const pathname = usePathname();
  const params = useSearchParams().toString();
  const returnTo = params ? `${pathname}?${params}` : pathname;
  return (
    <a href={href + encodeURIComponent(returnTo)} className={className}>
      {icon}
      Sign in
    </a>
  );
}
