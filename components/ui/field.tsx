// Form controls with one look: a label above, the control below.

import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { cn } from "./cn";

export const controlClass =
  "rounded-md border border-line-strong bg-surface px-2 py-1.5 text-sm text-fg placeholder:text-muted " +
  "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent";

export function Input({ className, ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cn(controlClass, "min-w-0", className)} {...rest} />;
}

/** A select's classes, for client components that render their own <select>. */
export function selectClass(className?: string): string {
  return cn(controlClass, "max-w-full pr-7", className);
}

export function Select({ className, ...rest }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={selectClass(className)} {...rest} />;
}

/** A labelled control; `htmlFor` names the control's id. */
export function Field({
  label,
  htmlFor,
  className,
  children,
}: {
  label: string;
  htmlFor: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn("flex min-w-0 flex-col gap-1", className)}>
      <label htmlFor={htmlFor} className="text-xs font-medium text-muted">
        {label}
      </label>
      {children}
    </div>
  );
}
