import { ComingSoon } from "@/components/projects/coming-soon";

export const metadata = { title: "Webhooks" };

export default function Page() {
  return (
    <ComingSoon
      title="Webhooks"
      points={[
        "Add endpoints that receive signed notifications when this project's builds and deployments change",
        "Choose event types, payload format (JSON, Slack, Discord) and custom headers",
        "Reveal and rotate signing secrets, and send a test event"
      ]}
    />
  );
}
