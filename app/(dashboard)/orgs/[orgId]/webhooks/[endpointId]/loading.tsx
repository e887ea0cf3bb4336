import { CardsSkeleton } from "@/components/webhooks/skeletons";

export default function Loading() {
  return <CardsSkeleton title="Loading the endpoint…" />;
}
