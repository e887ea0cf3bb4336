import Link from "next/link";
import { ApiReferenceLoader } from "@/components/docs/api-reference-loader";

export const metadata = { title: "API reference" };

export default function ApiReferencePage() {
  return (
    <div>
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 border-b border-neutral-200 px-6 py-4 lg:px-10">
        <h1 className="text-2xl font-semibold tracking-tight text-neutral-900">API reference</h1>
        <p className="text-sm text-neutral-600">
          Generated from the route table. Authenticate with <code className="font-mono text-[0.85em]">Authorization: Bearer cc_live_…</code>; the
          trigger endpoint takes the project&apos;s trigger secret (
          <Link href="/docs/triggers#ci" className="font-medium text-brand-700 hover:underline">
            Triggers
          </Link>
          ).{" "}
          <a href="/api/v1/openapi.json" className="font-medium text-brand-700 hover:underline">
            openapi.json
          </a>
        </p>
      </div>
      <ApiReferenceLoader />
    </div>
  );
}
