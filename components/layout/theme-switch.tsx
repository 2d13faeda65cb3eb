"use client";

import { useState } from "react";
import { Select } from "@/components/ui/field";
import { THEME_COOKIE, type Theme } from "@/lib/shell-preferences";

/** System / Light / Dark, remembered in a cookie so the server renders the right theme next time. */
export function ThemeSwitch({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  return (
    <div className="flex items-center gap-2 text-sm group-data-[collapsed=true]/side:md:hidden">
      <label htmlFor="theme">Theme</label>
      <Select
        id="theme"
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          setTheme(next);
          document.documentElement.dataset.theme = next;
          document.cookie = `${THEME_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
        }}
        className="py-1"
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </Select>
    </div>
  );
}
