// "Hostile tokens": how long the gate takes to choose a Viewer for tokens with many groups, against
// the large registry's 20 bindings plus one quadratic binding (nested predicates) evaluated first.
// In process, no HTTP: the gate runs per request, so its time adds to every row of the same viewer.
//
//   npx tsx bench/tokens.ts      # this section alone; `npm run bench` includes it

import { pathToFileURL } from "node:url";
import { authorize, DEFAULT_MAX_GROUPS } from "../lib/auth/gate";
import { silentLogger } from "../lib/log";
import type { GroupBinding } from "../lib/registry/types";

const binding = (name: string, expression: string): GroupBinding => ({
  kind: "GroupBinding",
  metadata: { name, namespace: "opendepot-system", labels: {}, ownerReferences: [] },
  expression,
  moduleResources: ["*"],
  providerResources: [],
});

/** As the generator writes them for the large size, with one nested binding in front. */
const BINDINGS = [
  binding("a-nested", 'any(groups, any(groups, # == "nobody"))'),
  ...Array.from({ length: 20 }, (_, i) => binding(`team-${String(i).padStart(3, "0")}`, `"team-${i}" in groups`)),
];

function timeOf(groups: readonly string[], rounds: number): { p50: number; p99: number; kind: string } {
  const auth = {
    kind: "identity" as const,
    identity: { subject: "u", groups, tokenSource: "header" as const, expiresAt: 0 },
  };
  const times: number[] = [];
  let kind = "";
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    kind = authorize(auth, BINDINGS, silentLogger, Number.MAX_SAFE_INTEGER).kind;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, p99: times[Math.floor(times.length * 0.99)]!, kind };
}

export function hostileTokensMarkdown(): string {
  const lines = [
    "## Hostile tokens (gate time per request, in process)",
    "",
    `Bindings: the large registry's 20 plus \`any(groups, any(groups, # == "nobody"))\` evaluated first. OIDC_MAX_GROUPS (default ${DEFAULT_MAX_GROUPS}) is lifted here to show the budget alone.`,
    "",
    "| groups in the token | p50 ms | p99 ms | viewer |",
    "| ---: | ---: | ---: | --- |",
  ];
  for (const n of [10, 100, 1_000, 5_000, 20_000]) {
    const groups = Array.from({ length: n }, (_, i) => `g${i}`);
    timeOf(groups, 50); // warm
    const { p50, p99, kind } = timeOf(groups, 200);
    lines.push(`| ${n.toLocaleString("en")} | ${p50.toFixed(2)} | ${p99.toFixed(2)} | ${kind} |`);
  }
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(hostileTokensMarkdown());
