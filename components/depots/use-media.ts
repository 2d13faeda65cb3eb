"use client";

// Browser facts the Depots page reacts to, read without a flash on the server-rendered HTML.

import { useSyncExternalStore } from "react";

function mediaStore(query: string) {
  return {
    subscribe(cb: () => void) {
      const m = window.matchMedia(query);
      m.addEventListener("change", cb);
      return () => m.removeEventListener("change", cb);
    },
    get: () => window.matchMedia(query).matches,
  };
}
const wide = mediaStore("(min-width: 768px)");
const darkOs = mediaStore("(prefers-color-scheme: dark)");

/** Tablet and up; `undefined` during server rendering and hydration. */
export function useWide(): boolean | undefined {
  return useSyncExternalStore(wide.subscribe, wide.get, () => undefined);
}

function subscribeTheme(cb: () => void) {
  const seen = new MutationObserver(cb);
  seen.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  const off = darkOs.subscribe(cb);
  return () => {
    seen.disconnect();
    off();
  };
}
function currentTheme(): "light" | "dark" {
  const t = document.documentElement.dataset.theme;
  if (t === "dark" || t === "light") return t;
  return darkOs.get() ? "dark" : "light";
}

/** The theme in effect: data-theme on <html>, "system" resolved through the OS setting. */
export function useResolvedTheme(): "light" | "dark" {
  return useSyncExternalStore(subscribeTheme, currentTheme, () => "light");
}
