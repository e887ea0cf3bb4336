import { ComingSoon } from "@/components/projects/coming-soon";

export const metadata = { title: "Triggers" };

export default function Page() {
  return (
    <ComingSoon
      title="Triggers"
      points={[
        "Build on GitHub pushes and releases, with branch globs and path include/exclude filters",
        "Trigger builds from any CI with the signed trigger endpoint (curl and GitHub Actions snippets)",
        "Reveal and rotate the trigger and GitHub webhook secrets"
      ]}
    />
  );
}
