"use client";

import { Button } from "@/components/ui/button";

export default function WebhooksError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl bg-danger-50 px-6 py-8 text-sm text-danger-800 ring-1 ring-danger-200">
      <h2 className="text-base font-semibold">This page could not be loaded</h2>
      <p className="mt-1">
        {error.message && !error.digest ? error.message : "Something went wrong on the server."} Try again; if it keeps failing, check the
        server log{error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <Button variant="secondary" className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
