"use client";

import { useRouter } from "next/navigation";

export function StatsNamespaceFilter({ namespaces, value }: { namespaces: string[]; value: string }) {
  const router = useRouter();
  return (
    <label className="text-sm">
      <span className="mr-2">Namespace</span>
      <select
        value={value}
        onChange={(e) => router.push(e.target.value ? `/stats?namespace=${encodeURIComponent(e.target.value)}` : "/stats")}
        className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
      >
        <option value="">All namespaces</option>
        {namespaces.map((ns) => (
          <option key={ns}>{ns}</option>
        ))}
      </select>
    </label>
  );
}
