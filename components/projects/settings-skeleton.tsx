import { Spinner } from "@/components/ui/button";
import { SkeletonCard } from "@/components/ui/skeleton";
import { TabSection } from "@/components/ui/tab-section";

/** Placeholder of the Settings tab while the project and its domains load. */
export function ProjectSettingsSkeleton() {
  return (
    <TabSection
      id="settings"
      title="Settings"
      busy
      className="max-w-4xl space-y-6"
      description={
        <p className="mt-1 flex items-center gap-2 text-sm text-neutral-500">
          <Spinner /> Loading settings…
        </p>
      }
    >
      <SkeletonCard className="space-y-4" bars={["h-4 w-32", "h-9 w-full", "h-16 w-full", "h-32 w-full"]} />
      <SkeletonCard className="space-y-4" bars={["h-4 w-40", "h-9 w-full", "h-20 w-full"]} />
    </TabSection>
  );
}
