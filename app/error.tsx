"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageHeader, PageMain } from "@/components/ui/page-header";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageMain>
      <PageHeader title="Something went wrong" />
      <Alert tone="danger" title="The page could not be rendered" className="mt-4 max-w-2xl">
        <p>The error was logged on the server. Trying again often helps after a registry update.</p>
        <Button variant="primary" className="mt-3" onClick={() => reset()}>
          Try again
        </Button>
      </Alert>
    </PageMain>
  );
}
