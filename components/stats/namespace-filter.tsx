"use client";

import { useRouter } from "next/navigation";
import { Field, Select } from "@/components/ui/field";
import { statsPath } from "@/lib/routes";

export function StatsNamespaceFilter({ namespaces, value }: { namespaces: string[]; value: string }) {
  const router = useRouter();
  return (
    <Field label="Namespace" htmlFor="stats-namespace">
      <Select
        id="stats-namespace"
        value={value}
        onChange={(e) => router.push(statsPath(e.target.value ? { namespace: e.target.value } : {}))}
      >
        <option value="">All namespaces</option>
        {namespaces.map((ns) => (
          <option key={ns}>{ns}</option>
        ))}
      </Select>
    </Field>
  );
}
