"use client";

import { LogIn } from "lucide-react";
import { usePathname, useSearchParams } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { signInPath } from "@/lib/routes";

/** Sign in, returning to the page the person is on. */
export function SignInLink({ className }: { className?: string }) {
  const pathname = usePathname();
  const params = useSearchParams().toString();
  const returnTo = params ? `${pathname}?${params}` : pathname;
  return (
    <a href={signInPath(returnTo)} className={buttonClass("primary", "md", className)}>
      <LogIn aria-hidden="true" className="h-4 w-4" />
      Sign in
    </a>
  );
}
