// Lucide's icons drawn by the server from the `lucide` package's data. lucide-react's Icon is a
// client component, so every icon a server component rendered shipped its runtime (1.1 KB brotli)
// in every page's JavaScript (README "Page weight"); these are plain <svg> in the HTML.

import type { IconNode } from "lucide";
import { createElement, type SVGProps } from "react";
import { cn } from "./cn";

export type { IconNode };

/** One icon; decorative (aria-hidden) unless given a label, like lucide-react's. */
export function Icon({ node, className, ...rest }: { node: IconNode } & SVGProps<SVGSVGElement>) {
  const labelled = rest["aria-label"] !== undefined || rest["aria-labelledby"] !== undefined || rest.role !== undefined;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={24}
      height={24}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={cn("lucide", className)}
      {...(labelled ? {} : { "aria-hidden": true })}
      {...rest}
    >
      {node.map(([tag, attrs], i) => createElement(tag, { key: i, ...attrs }))}
    </svg>
  );
}
