"use client";

import { useState } from "react";

export type Theme = "system" | "light" | "dark";

/** System / Light / Dark, remembered in a cookie so the server renders the right theme next time. */
export function ThemeSwitch({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>Theme</span>
      <select
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          setTheme(next);
          document.documentElement.dataset.theme = next;
          document.cookie = `theme=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
        }}
        className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
