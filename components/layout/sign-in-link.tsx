"use client";

import { usePathname, useSearchParams } from "next/navigation";

/** Sign in, returning to the page the person is on. */
export function SignInLink() {
  const pathname = usePathname();
  const params = useSearchParams().toString();
  const returnTo = params ? `${pathname}?${params}` : pathname;
  return (
    <a href={`/auth/login?returnTo=${encodeURIComponent(returnTo)}`} className="inline-block rounded bg-blue-700 px-3 py-1 font-medium text-white hover:bg-blue-800">
      Sign in
    </a>
  );
}
