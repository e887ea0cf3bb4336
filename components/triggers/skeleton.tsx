import { Spinner } from "@/components/ui/button";

function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded bg-neutral-200 ${className}`} />;
}

/** Placeholder of the Triggers tab while its rules and settings load. */
export function TriggersSkeleton() {
  return (
    <section aria-busy="true" aria-labelledby="triggers-heading" className="space-y-6">
      <div>
        <h2 id="triggers-heading" className="text-lg font-semibold">
          Triggers
        </h2>
        <p className="mt-1 flex items-center gap-2 text-sm text-neutral-500">
          <Spinner /> Loading build rules…
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_24rem]">
        {[0, 1].map((i) => (
          <div key={i} className="space-y-4 rounded-xl bg-white p-5 ring-1 ring-neutral-200">
            <Bar className="h-4 w-40" />
            <Bar className="h-3 w-72 max-w-full" />
            <Bar className="h-24 w-full" />
          </div>
        ))}
      </div>
    </section>
  );
}
