import { ProjectSettingsSkeleton } from "@/components/projects/settings-skeleton";

export default function Loading() {
  return <ProjectSettingsSkeleton />;
}
