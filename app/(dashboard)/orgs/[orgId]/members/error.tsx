"use client";

import { PageError } from "@/components/ui/page-error";

export default function MembersError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="The members could not be loaded" {...props} />;
}
