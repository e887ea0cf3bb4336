"use client";

import dynamic from "next/dynamic";
import { SkeletonBar } from "@/components/ui/skeleton";

// The renderer touches window and document as it loads, so it is never rendered on the server.
const ApiReference = dynamic(() => import("./api-reference"), {
  ssr: false,
  loading: () => (
    <div role="status" aria-label="Loading the API reference" className="space-y-4 px-6 py-10 lg:px-10">
      <SkeletonBar className="h-7 w-64" />
      <SkeletonBar className="h-4 w-full max-w-2xl" />
      <SkeletonBar className="h-4 w-full max-w-xl" />
      <SkeletonBar className="h-40 w-full max-w-4xl" />
    </div>
  ),
});

export function ApiReferenceLoader() {
  return <ApiReference />;
}
