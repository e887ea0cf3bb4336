import { PageHeader } from "@/components/ui/card";
import { SkeletonCard } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-8" aria-busy="true" aria-label="Loading members">
      <PageHeader title="Members" />
      <SkeletonCard bars={["h-4 w-1/3", "mt-4 h-4 w-2/3", "mt-4 h-4 w-1/2"]} />
      <SkeletonCard bars={["h-4 w-1/4", "mt-4 h-4 w-1/2"]} />
    </div>
  );
}
