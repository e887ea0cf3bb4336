"use client";

import { useRouter } from "next/navigation";
import { Select } from "@/components/ui/field";

const NEW_ORGANIZATION = "new";

/** The organizations the user belongs to, each with their role; choosing one switches to it, the last entry creates one. */
export function OrgSwitcher({ orgs, currentId }: { orgs: { id: string; name: string; role: string }[]; currentId: string }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Organization</span>
      <Select
        compact
        tone="quiet"
        value={currentId}
        onChange={(e) => router.push(e.target.value === NEW_ORGANIZATION ? `/orgs/new?from=${currentId}` : `/orgs/${e.target.value}`)}
        className="max-w-64 pr-8 pl-2.5"
        options={[...orgs.map((org) => ({ value: org.id, label: `${org.name} (${org.role})` })), { value: NEW_ORGANIZATION, label: "+ New organization…" }]}
      />
    </label>
  );
}
