// Reads one manifest file: multi-document YAML (failsafe schema, so `1.10` stays a string), JSON,
// and `kind: List` wrappers as printed by `kubectl get … -o yaml`.

import { parseAllDocuments, type DocumentOptions, type ParseOptions, type SchemaOptions } from "yaml";
import { listItems, parseRegistryObject, type SchemaWarning } from "../schemas";
import type { RegistryObject } from "../types";

export interface ParsedFile {
  readonly objects: readonly { object: RegistryObject; origin: string }[];
  readonly warnings: readonly SchemaWarning[];
}

export class ManifestParseError extends Error {
  readonly code = "ERR_MANIFEST_PARSE";
  constructor(
    readonly file: string,
    readonly documentIndex: number | undefined,
    message: string,
  ) {
    super(documentIndex === undefined ? `${file}: ${message}` : `${file} (document ${documentIndex}): ${message}`);
  }
}

/** Plain `null`, `~` and empty values read as null; quoted strings stay strings. */
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: "failsafe",
  customTags: ["null"],
  uniqueKeys: false,
};

/** The documents of a YAML or JSON file as plain values; throws ManifestParseError. */
export function parseDocuments(file: string, text: string): unknown[] {
  if (file.endsWith(".json")) {
    try {
      return [JSON.parse(text) as unknown];
    } catch (err) {
      throw new ManifestParseError(file, undefined, (err as Error).message);
    }
  }
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  const list = Array.isArray(docs) ? docs : [docs];
  const values: unknown[] = [];
  list.forEach((doc, i) => {
    const first = doc.errors[0];
    if (first) throw new ManifestParseError(file, i, first.message.split("\n")[0] ?? "invalid YAML");
    values.push(doc.toJS({ maxAliasCount: 100 }));
  });
  return values;
}

/** Parses a manifest file into model objects; throws ManifestParseError when the text does not parse. */
export function readManifestFile(file: string, text: string): ParsedFile {
  const objects: { object: RegistryObject; origin: string }[] = [];
  const warnings: SchemaWarning[] = [];
  const take = (raw: unknown, origin: string) => {
    const result = parseRegistryObject(raw, origin);
    warnings.push(...result.warnings);
    if (result.object) objects.push({ object: result.object, origin });
  };
  parseDocuments(file, text).forEach((doc, i) => {
    if (doc === null || doc === undefined) return; // an empty document, e.g. after a trailing `---`
    const items = listItems(doc);
    if (items) items.forEach((item, j) => take(item, `${file}#${i}.items[${j}]`));
    else take(doc, `${file}#${i}`);
  });
  return { objects, warnings };
}
