"use client";

import { PageError } from "@/components/ui/page-error";

export default function TriggersError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="Triggers could not be loaded" {...props} />;
}
