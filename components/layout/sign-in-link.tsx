"use client";

import { usePathname, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { signInPath } from "@/lib/routes";

/** Sign in, returning to the page the person is on. */
export function SignInLink({ icon, className }: { icon: ReactNode; className?: string }) {
  const pathname = usePathname();
  const params = useSearchParams().toString();
  const returnTo = params ? `${pathname}?${params}` : pathname;
  return (
    <a href={signInPath(returnTo)} className={buttonClass("primary", "md", className)}>
      {icon}
      Sign in
    </a>
  );
}
