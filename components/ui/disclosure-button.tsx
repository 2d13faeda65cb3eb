"use client";

// A button that shows and hides a part of a page rendered by the server: it sets `data-open` on
// the element it controls, whose classes say how it looks open (`data-[open=true]:…`).

import { useEffect, useState, type ButtonHTMLAttributes, type ReactNode } from "react";

export function DisclosureButton({
  controls,
  initiallyOpen = false,
  text,
  children,
  ...rest
}: {
  controls: string;
  initiallyOpen?: boolean;
  /** A label that follows the state (closed, open), after the children. */
  text?: readonly [closed: string, open: string];
  children?: ReactNode;
} & ButtonHTMLAttributes<HTMLButtonElement>) {
  const [open, setOpen] = useState(initiallyOpen);
  useEffect(() => {
    const panel = document.getElementById(controls);
    if (panel) panel.dataset.open = String(open);
  }, [controls, open]);
  return (
    <button type="button" aria-expanded={open} aria-controls={controls} onClick={() => setOpen((o) => !o)} {...rest}>
      {children}
      {text ? text[open ? 1 : 0] : null}
    </button>
  );
}
