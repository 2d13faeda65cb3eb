// "Who am I?": the signed-in identity, groups, the GroupBinding that matched and what it grants —
// the same facts as GET /opendepot/ui/v1/whoami, so a person can answer "why can't I see X?".

import type { WhoamiResponse } from "@/lib/browse/whoami";

export function WhoamiPanel({ who }: { who: WhoamiResponse }) {
  return (
    <details className="text-sm group-data-[collapsed=true]/side:md:hidden" data-testid="whoami">
      <summary className="cursor-pointer font-medium">Who am I?</summary>
      <dl className="mt-2 space-y-1">
        {who.allAccess ? <dd>Everyone sees every resource here (anonymous all-access mode).</dd> : null}
        {!who.authenticated && !who.allAccess ? <dd>Not signed in: you see public resources only.</dd> : null}
        {who.authenticated ? (
          <>
            <dt className="font-medium">Signed in as</dt>
            <dd>
              {who.name ?? who.subject}
              {who.email ? ` (${who.email})` : ""}
            </dd>
            <dt className="font-medium">Groups</dt>
            <dd>
              {who.groups && who.groups.length > 0
                ? who.groups.slice(0, 20).join(", ") +
                  (who.groups.length > 20 ? ` and ${who.groups.length - 20} more` : "")
                : "none — so no GroupBinding applies"}
            </dd>
            <dt className="font-medium">GroupBinding</dt>
            <dd>
              {who.binding ? (
                <>
                  {who.binding.namespace}/{who.binding.name} grants modules{" "}
                  {who.binding.moduleResources.length > 0 ? who.binding.moduleResources.join(", ") : "none"} and
                  providers{" "}
                  {who.binding.providerResources.length > 0 ? who.binding.providerResources.join(", ") : "none"}, beyond
                  public resources.
                </>
              ) : (
                "none matched: you see public resources only"
              )}
            </dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}
