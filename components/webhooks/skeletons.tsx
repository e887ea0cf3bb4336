import { Spinner } from "@/components/ui/button";
import { SkeletonBar, SkeletonCard } from "@/components/ui/skeleton";

/** Placeholder of the endpoints table while the page loads. */
export function EndpointTableSkeleton({ label = "Loading endpoints…" }: { label?: string }) {
  return (
    <div className="overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-neutral-200" aria-busy="true">
      <p className="flex items-center gap-2 border-b border-neutral-200 bg-neutral-50 px-4 py-2.5 text-xs text-neutral-500">
        <Spinner /> {label}
      </p>
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex items-center gap-6 border-b border-neutral-100 px-4 py-4 last:border-0">
          <SkeletonBar className="h-4 w-32" />
          <SkeletonBar className="h-3 w-56" />
          <SkeletonBar className="h-3 w-20" />
          <SkeletonBar className="h-3 w-16" />
          <SkeletonBar className="ml-auto h-5 w-9 rounded-full" />
        </div>
      ))}
    </div>
  );
}

/** Placeholder of a page made of cards (the endpoint page, the new-endpoint form). */
export function CardsSkeleton({ title, cards = 2 }: { title: string; cards?: number }) {
  return (
    <div aria-busy="true" className="space-y-6">
      <div className="space-y-2">
        <SkeletonBar className="h-3 w-40" />
        <SkeletonBar className="h-7 w-64" />
        <SkeletonBar className="h-3 w-96" />
      </div>
      <p className="flex items-center gap-2 text-sm text-neutral-500">
        <Spinner /> {title}
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        {Array.from({ length: cards }, (_, i) => (
          <SkeletonCard key={i} className="space-y-3 shadow-xs" bars={["h-4 w-32", "h-3 w-full", "h-9 w-full"]} />
        ))}
      </div>
    </div>
  );
}
