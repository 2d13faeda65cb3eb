"use client";

import { useEffect, useState } from "react";

/** A timestamp in the viewer's locale and time zone (the server renders the stored string). */
export function LocalTime({ iso, dateOnly }: { iso: string; dateOnly?: boolean }) {
  const [text, setText] = useState(iso);
  useEffect(() => {
    const d = new Date(iso);
    if (!Number.isNaN(d.getTime())) setText(dateOnly ? d.toLocaleDateString() : d.toLocaleString());
  }, [iso, dateOnly]);
  return <time dateTime={iso}>{text}</time>;
}
