import { whoami } from "@/lib/browse/whoami";
import { handleBrowse } from "@/lib/server/browse-route";
import { authMode } from "@/lib/server/viewer";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleBrowse(request, "/opendepot/ui/v1/whoami", ({ viewer, runtime }) => whoami(viewer, authMode(runtime)), {
    params: [],
    cacheable: false, // never cached (docs/browse-api.md §4.1): it names the caller
  });
}
