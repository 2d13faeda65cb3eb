"use client";

import { useState } from "react";
import { THEME_COOKIE, type Theme } from "@/lib/shell-preferences";

/**
 * System / Light / Dark, remembered in a cookie so the server renders the right theme next time.
 * The select's classes come from the server (components/ui/field.tsx there), so this bundle does
 * not carry the form styles (README "Page weight").
 */
export function ThemeSwitch({ initial, selectClassName }: { initial: Theme; selectClassName: string }) {
  const [theme, setTheme] = useState<Theme>(initial);
  return (
    <div className="flex items-center gap-2 text-sm group-data-[collapsed=true]/side:md:hidden">
      <label htmlFor="theme">Theme</label>
      <select
        id="theme"
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          setTheme(next);
          document.documentElement.dataset.theme = next;
          document.cookie = `${THEME_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
        }}
        className={selectClassName}
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </div>
  );
}
