// Reads one manifest file: multi-document YAML (failsafe schema, so `1.10` stays a string), JSON,
// and `kind: List` wrappers as printed by `kubectl get … -o yaml`.
//
// Every failure becomes a ManifestParseError whose message names the file and a position, never
// the file's text: the registry folder may hold a file that is not a manifest at all, and errors
// reach the log and the detailed /readyz.

import { parseAllDocuments, YAMLError, type DocumentOptions, type ParseOptions, type SchemaOptions } from "yaml";
import { listItems, parseRegistryObject, type SchemaWarning } from "../schemas";
import type { RegistryObject } from "../types";
import { ExplorerError } from "../../errors";

/**
 * The objects of one file, kept by the file source until the file changes. Their origins are
 * spelled only when asked for: at 100,000 objects the strings and pairs held ~10 MiB.
 */
export class ParsedFile {
  constructor(
    readonly file: string,
    private readonly items: readonly RegistryObject[],
    /** Per object: its document index, then its index in a `kind: List` (-1 outside one). */
    private readonly places: Int32Array,
    readonly warnings: readonly SchemaWarning[],
  ) {}

  /** The objects in file order, each with its origin (`file#doc` or `file#doc.items[i]`). */
  get objects(): { object: RegistryObject; origin: string }[] {
    return this.items.map((object, i) => {
      const [doc, item] = [this.places[2 * i]!, this.places[2 * i + 1]!];
      return { object, origin: item < 0 ? `${this.file}#${doc}` : `${this.file}#${doc}.items[${item}]` };
    });
  }

  /** The same parse with each object replaced by what `choose` returns for it (places and warnings kept). */
  mapObjects(choose: (object: RegistryObject, i: number) => RegistryObject): ParsedFile {
    return new ParsedFile(this.file, this.items.map(choose), this.places, this.warnings);
  }
}

export interface ManifestLimits {
  /**
   * The `yaml` package's alias budget per anchor (uses × aliases nested in the anchor): bounds
   * what an alias bomb expands to while letting a file share one anchor a few thousand times.
   */
  readonly maxYamlAliases: number;
}

export const DEFAULT_MANIFEST_LIMITS: ManifestLimits = { maxYamlAliases: 10_000 };

export class ManifestParseError extends ExplorerError<"ERR_MANIFEST_PARSE"> {
  constructor(
    readonly file: string,
    readonly documentIndex: number | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(
      "ERR_MANIFEST_PARSE",
      documentIndex === undefined ? `${file}: ${message}` : `${file} (document ${documentIndex}): ${message}`,
      options,
    );
  }
}

/** Plain `null`, `~` and empty values read as null; quoted strings stay strings. */
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: "failsafe",
  customTags: ["null"],
  uniqueKeys: false,
};

/** What went wrong, in words that carry no text from the file. */
function describeFailure(err: unknown): string {
  if (err instanceof YAMLError) {
    const pos = err.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : "";
    return `invalid YAML (${err.code.toLowerCase().replace(/_/g, " ")})${where}`;
  }
  if (err instanceof SyntaxError) {
    // V8's JSON messages quote the text around the error; keep only the position.
    const pos = /position (\d+)/.exec(err.message)?.[1];
    return pos === undefined ? "invalid JSON" : `invalid JSON at position ${pos}`;
  }
  if (err instanceof RangeError) return "nested too deeply to read";
  if (err instanceof ReferenceError) {
    return /excessive alias/i.test(err.message)
      ? "too many YAML alias expansions (REGISTRY_MAX_YAML_ALIASES)"
      : "a YAML alias refers to no anchor before it";
  }
  return `could not be read (${err instanceof Error ? err.name : typeof err})`;
}

/** The documents of a YAML or JSON file as plain values; throws ManifestParseError. */
export function parseDocuments(
  file: string,
  text: string,
  limits: ManifestLimits = DEFAULT_MANIFEST_LIMITS,
): unknown[] {
  if (file.endsWith(".json")) {
    try {
      return [JSON.parse(text) as unknown];
    } catch (err) {
      throw new ManifestParseError(file, undefined, describeFailure(err), { cause: err });
    }
  }
  let index: number | undefined;
  try {
    const docs = parseAllDocuments(text, YAML_OPTIONS);
    const list = Array.isArray(docs) ? docs : [docs];
    const values: unknown[] = [];
    for (const [i, doc] of list.entries()) {
      index = i;
      const first = doc.errors[0];
      if (first) throw first;
      values.push(doc.toJS({ maxAliasCount: limits.maxYamlAliases }));
    }
    return values;
  } catch (err) {
    throw new ManifestParseError(file, index, describeFailure(err), { cause: err });
  }
}

/** Parses a manifest file into model objects; throws ManifestParseError when the text does not parse. */
export function readManifestFile(
  file: string,
  text: string,
  limits: ManifestLimits = DEFAULT_MANIFEST_LIMITS,
): ParsedFile {
  const objects: RegistryObject[] = [];
  const places: number[] = [];
  const warnings: SchemaWarning[] = [];
  const take = (raw: unknown, doc: number, item = -1) => {
    const origin = item < 0 ? `${file}#${doc}` : `${file}#${doc}.items[${item}]`;
    const result = parseRegistryObject(raw, origin);
    warnings.push(...result.warnings);
    if (!result.object) return;
    objects.push(result.object);
    places.push(doc, item);
  };
  const docs = parseDocuments(file, text, limits);
  try {
    docs.forEach((doc, i) => {
      if (doc === null || doc === undefined) return; // an empty document, e.g. after a trailing `---`
      const items = listItems(doc);
      if (items) items.forEach((item, j) => take(item, i, j));
      else take(doc, i);
    });
  } catch (err) {
    // Deep nesting or a value no reader expected: the file is reported, the others still apply.
    throw new ManifestParseError(file, undefined, describeFailure(err), { cause: err });
  }
  return new ParsedFile(file, objects, Int32Array.from(places), warnings);
}
