import { ComingSoon } from "@/components/projects/coming-soon";

export const metadata = { title: "Settings" };

export default function Page() {
  return (
    <ComingSoon
      title="Settings"
      points={[
        "Rename the project and change its default branch, platforms and formats",
        "Add custom domains",
        "Delete the project"
      ]}
    />
  );
}
