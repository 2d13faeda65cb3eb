"use client";

// A filter form rendered by the server (its controls are server components) that applies each
// change at once: the page reloads with the current URL and that one parameter changed, the page
// number dropped, and focus back on the control. A full load rather than a client-side navigation:
// the shell around the page is rendered by the server for the request (README "Page weight").
//
// Controls say how they map to the URL: `data-default` is the value that is left out of the URL;
// a checkbox adds its value when checked; `data-keep` is an option value that changes nothing.

import type { FormHTMLAttributes } from "react";
import { useEffect } from "react";

const FOCUS = "filter-form:focus";

type Control = HTMLInputElement | HTMLSelectElement | HTMLButtonElement;

function apply(control: Control) {
  const { name, dataset } = control;
  let value: string | null =
    control instanceof HTMLInputElement && control.type === "checkbox"
      ? control.checked
        ? control.value
        : null
      : control.value.trim();
  if (dataset.keep !== undefined && value === dataset.keep) return;
  if (value === dataset.default) value = null;
  const next = new URLSearchParams(location.search);
  if (value === null || value === "") next.delete(name);
  else next.set(name, value);
  next.delete("page");
  const q = next.toString();
  const target = q ? `${location.pathname}?${q}` : location.pathname;
  try {
    // With the address it is for: a change made before this page's own effect has run must not
    // have its focus taken by this page (the effect below) instead of the next one.
    if (control.id) sessionStorage.setItem(FOCUS, JSON.stringify({ id: control.id, at: target, t: Date.now() }));
  } catch {
    // Storage refused (a private mode): the change still applies, focus starts at the top.
  }
  location.assign(target);
}

/**
 * The control to focus on this page: the last change's, if it was made for this very address in
 * the last few seconds. `drop` when the stored change is used or can no longer apply to any page.
 */
function focusFor(stored: string | null): { id?: string; drop: boolean } {
  if (!stored) return { drop: false };
  try {
    const { id, at, t } = JSON.parse(stored) as { id?: unknown; at?: unknown; t?: unknown };
    const recent = typeof t === "number" && Date.now() - t < 10_000;
    if (typeof id === "string" && recent && at === `${location.pathname}${location.search}`) return { id, drop: true };
    return { drop: !recent };
  } catch {
    return { drop: true };
  }
}

export function FilterForm({ children, ...rest }: FormHTMLAttributes<HTMLFormElement>) {
  useEffect(() => {
    try {
      const { id, drop } = focusFor(sessionStorage.getItem(FOCUS));
      if (drop) sessionStorage.removeItem(FOCUS);
      if (id) document.getElementById(id)?.focus();
    } catch {
      // No storage, nothing to restore.
    }
  }, []);
  return (
    <form
      method="get"
      // The browser would otherwise put back, on Back, the value chosen before the page changed.
      autoComplete="off"
      {...rest}
      onChange={(e) => {
        const c: EventTarget = e.target;
        // A text box applies on Enter (submit), not on every keystroke.
        if (c instanceof HTMLSelectElement || (c instanceof HTMLInputElement && c.type === "checkbox")) apply(c);
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const by = (e.nativeEvent as SubmitEvent).submitter as Control | null;
        const target = by?.name ? by : e.currentTarget.querySelector<HTMLInputElement>("input[type=search]");
        if (target) apply(target);
      }}
    >
      {children}
    </form>
  );
}
