import { PageHeader } from "@/components/ui/card";
import { SkeletonCard } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the test inbox">
      <PageHeader title="Test inbox" />
      <div className="space-y-6">
        <SkeletonCard bars={["h-4 w-1/4", "mt-4 h-8 w-full", "mt-3 h-8 w-full"]} />
        <SkeletonCard bars={["h-4 w-1/3", "mt-4 h-10 w-full", "mt-2 h-10 w-full", "mt-2 h-10 w-full"]} />
      </div>
    </div>
  );
}
