import { TriggersSkeleton } from "@/components/triggers/skeleton";

export default function Loading() {
  return <TriggersSkeleton />;
}
