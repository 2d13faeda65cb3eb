import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export const cardClass = "min-w-0 rounded-lg border border-line bg-surface";

/** A bordered box; `as="section"` etc. keeps landmarks meaningful. */
export function Card({
  as: Tag = "div",
  className,
  ...rest
}: HTMLAttributes<HTMLElement> & { as?: "div" | "section" | "aside" | "li" | "article" }) {
  return <Tag className={cn(cardClass, "p-4", className)} {...rest} />;
}
