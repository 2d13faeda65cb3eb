// A Map: the names come from the URL, so `toString` or `constructor` must find nothing.
const LABELS = new Map([
  ["q", "Search"],
  ["namespace", "Namespace"],
  ["kind", "Kind"],
  ["synced", "Synced"],
  ["severity", "Severity ≥"],
  ["os", "OS"],
  ["arch", "Arch"],
  ["public_only", "Public only"],
]);

/** Active filters as removable chips, plus "Clear all". */
export function FilterChips({ params }: { params: URLSearchParams }) {
  const chips: { key: string; label: string; value: string; href: string }[] = [];
  for (const [key, value] of params) {
    const label = LABELS.get(key);
    if (label === undefined || value === "") continue;
    const next = new URLSearchParams();
    let removed = false;
    for (const [k, v] of params) {
      if (!removed && k === key && v === value) {
        removed = true;
        continue;
      }
      if (k !== "page") next.append(k, v);
    }
    const q = next.toString();
    chips.push({ key, label, value, href: q ? `/?${q}` : "/" });
  }
  if (chips.length === 0) return null;
  const keep = new URLSearchParams();
  for (const [k, v] of params) if (!LABELS.has(k) && k !== "page") keep.append(k, v);
  return (
    <ul className="mt-3 flex flex-wrap items-center gap-2 text-sm" aria-label="Active filters">
      {chips.map((c) => (
        <li key={`${c.key}=${c.value}`}>
          <a
            href={c.href}
            className="inline-flex items-center gap-1 rounded-full border border-line-strong px-2 py-0.5 hover:bg-subtle"
            aria-label={`Remove filter ${c.label} ${c.value}`}
          >
            {c.label}: {c.key === "public_only" ? "yes" : c.value} <span aria-hidden="true">×</span>
          </a>
        </li>
      ))}
      <li>
        <a href={keep.toString() ? `/?${keep}` : "/"} className="text-link underline">
          Clear all
        </a>
      </li>
    </ul>
  );
}
