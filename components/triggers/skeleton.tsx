import { Spinner } from "@/components/ui/button";
import { SkeletonCard } from "@/components/ui/skeleton";
import { TabSection } from "@/components/ui/tab-section";

/** Placeholder of the Triggers tab while its rules and settings load. */
export function TriggersSkeleton() {
  return (
    <TabSection
      id="triggers"
      title="Triggers"
      busy
      className="space-y-6"
      description={
        <p className="mt-1 flex items-center gap-2 text-sm text-neutral-500">
          <Spinner /> Loading build rules…
        </p>
      }
    >
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_24rem]">
        {[0, 1].map((i) => (
          <SkeletonCard key={i} className="space-y-4" bars={["h-4 w-40", "h-3 w-72 max-w-full", "h-24 w-full"]} />
        ))}
      </div>
    </TabSection>
  );
}
