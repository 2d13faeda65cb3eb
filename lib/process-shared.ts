// One value per process, whichever bundle asks for it. Next compiles the route handlers, the pages
// (server components) and instrumentation into separate module graphs, each with its own copy of
// every module: a module-level cache in lib/ would be filled once per graph — the pages and the
// API computing the same visible sets, sort orders and cards side by side. The configuration, the
// metrics and the interface service are held here too; the runtime keeps its own holder (it must
// be findable while it is still starting), and so does the OIDC client (it drops a failed discovery).

const holder = globalThis as typeof globalThis & { __opendepotShared?: Map<string, unknown> };

/** The process's value for `key`, made by `make` the first time; the same code must make it everywhere. */
export function processShared<T>(key: string, make: () => T): T {
  const shared = (holder.__opendepotShared ??= new Map());
  if (!shared.has(key)) shared.set(key, make());
  return shared.get(key) as T;
}
