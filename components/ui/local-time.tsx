"use client";

import { useEffect, useState } from "react";
import { formatRelative } from "./format";

/**
 * A timestamp in the viewer's locale and time zone. The server renders the date part of the
 * stored string (no locale guess, no hydration mismatch); the browser replaces it. `relative`
 * shows "3d ago" with the exact time in the title.
 */
export function LocalTime({ iso, dateOnly, relative }: { iso: string; dateOnly?: boolean; relative?: boolean }) {
  const [text, setText] = useState(relative || dateOnly ? iso.slice(0, 10) : iso);
  const [title, setTitle] = useState<string | undefined>(undefined);
  useEffect(() => {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return;
    const exact = d.toLocaleString();
    if (relative) {
      setText(formatRelative(iso, Date.now()) ?? exact);
      setTitle(exact);
    } else setText(dateOnly ? d.toLocaleDateString() : exact);
  }, [iso, dateOnly, relative]);
  return (
    <time dateTime={iso} title={title} className="whitespace-nowrap">
      {text}
    </time>
  );
}
