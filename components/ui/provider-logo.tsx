// Provider marks: bundled SVGs for common providers (public/logos), a lettered badge otherwise.

import { cn } from "./cn";

const BUNDLED = new Set(["aws", "google", "azurerm", "kubernetes", "helm", "random", "null", "tls", "vault"]);

export function ProviderLogo({ provider, className }: { provider?: string; className?: string }) {
  const key = (provider ?? "").toLowerCase();
  if (BUNDLED.has(key)) {
    // A plain <img>: tiny static SVGs, nothing for next/image to optimise.
    return (
      <img src={`/logos/${key}.svg`} alt="" width={40} height={40} className={cn("h-10 w-10 shrink-0", className)} />
    );
  }
  const letter = (provider ?? "?").slice(0, 2).toUpperCase();
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-subtle text-sm font-bold text-fg",
        className,
      )}
    >
      {letter}
    </span>
  );
}
