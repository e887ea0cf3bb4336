"use client";

import { Button } from "./button";

/** What an error boundary (a route's error.tsx) shows: what failed, the server's reference, and Try again. */
export function PageError({ title, error, reset }: { title: string; error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl bg-danger-50 px-6 py-8 text-sm text-danger-800 ring-1 ring-danger-200">
      <h2 className="text-base font-semibold">{title}</h2>
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
