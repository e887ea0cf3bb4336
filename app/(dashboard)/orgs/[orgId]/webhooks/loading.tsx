import { PageHeader } from "@/components/ui/card";
import { EndpointTableSkeleton } from "@/components/webhooks/skeletons";

export default function Loading() {
  return (
    <>
      <PageHeader title="Webhooks" />
      <EndpointTableSkeleton />
    </>
  );
}
