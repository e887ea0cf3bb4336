"use client";

import { useRouter } from "next/navigation";
import { Select } from "@/components/ui/field";

export function OrgSwitcher({ orgs, currentId }: { orgs: { id: string; name: string }[]; currentId: string }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Organization</span>
      <Select
        compact
        tone="quiet"
        value={currentId}
        onChange={(e) => router.push(`/orgs/${e.target.value}`)}
        className="max-w-56 pr-8 pl-2.5"
        options={orgs.map((org) => ({ value: org.id, label: org.name }))}
      />
    </label>
  );
}
