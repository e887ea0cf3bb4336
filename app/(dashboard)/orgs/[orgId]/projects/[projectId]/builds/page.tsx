import { ComingSoon } from "@/components/projects/coming-soon";

export const metadata = { title: "Builds" };

export default function Page() {
  return (
    <ComingSoon
      title="Builds"
      points={[
        "Follow builds from queued to started to succeeded or failed, with artifacts and logs",
        "Cancel queued or running builds and deploy succeeded ones",
        "See which push, release or API call started each build"
      ]}
    />
  );
}
