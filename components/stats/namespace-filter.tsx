// The Stats page's namespace: a form rendered by the server that applies on change
// (components/ui/filter-form.tsx), so the page ships no component of its own (README "Page weight").

import { Field, Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { statsPath } from "@/lib/routes";

export function StatsNamespaceFilter({ namespaces, value }: { namespaces: string[]; value: string }) {
  return (
    <FilterForm action={statsPath()}>
      <Field label="Namespace" htmlFor="stats-namespace">
        <Select id="stats-namespace" name="namespace" defaultValue={value}>
          <option value="">All namespaces</option>
          {namespaces.map((ns) => (
            <option key={ns}>{ns}</option>
          ))}
        </Select>
      </Field>
    </FilterForm>
  );
}
