// Buttons and button-looking links: variants declared once, the caller's className last.

import type { ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

const VARIANT = {
  primary: "bg-accent text-on-accent hover:bg-accent-hover border border-transparent",
  secondary: "border border-line-strong bg-surface text-fg hover:bg-subtle",
  ghost: "border border-transparent text-fg hover:bg-subtle",
} as const;

const SIZE = { sm: "px-2 py-0.5 text-xs", md: "px-3 py-1.5 text-sm" } as const;

export type ButtonVariant = keyof typeof VARIANT;

/** The classes of a button, for <a> and <Link> that should look like one. */
export function buttonClass(
  variant: ButtonVariant = "secondary",
  size: keyof typeof SIZE = "md",
  className?: string,
): string {
  return cn(
    "inline-flex items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
    "disabled:cursor-not-allowed disabled:opacity-50",
    VARIANT[variant],
    SIZE[size],
    className,
  );
}

export function Button({
  variant = "secondary",
  size = "md",
  className,
  type = "button",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: keyof typeof SIZE }) {
  return <button type={type} className={buttonClass(variant, size, className)} {...rest} />;
}
