import { ComingSoon } from "@/components/projects/coming-soon";

export const metadata = { title: "Deliveries" };

export default function Page() {
  return (
    <ComingSoon
      title="Deliveries"
      points={[
        "Browse every delivery with its request and response, filtered by status, event type and time",
        "See why a delivery failed, resend it, or recover every failed delivery since a time",
        "Watch retries happen live"
      ]}
    />
  );
}
