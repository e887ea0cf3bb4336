"use client";

import { useRouter } from "next/navigation";

export function OrgSwitcher({ orgs, currentId }: { orgs: { id: string; name: string }[]; currentId: string }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Organization</span>
      <select
        value={currentId}
        onChange={(e) => router.push(`/orgs/${e.target.value}`)}
        className="h-8 max-w-56 rounded-md border-0 bg-neutral-100 py-0 pr-8 pl-2.5 text-sm font-medium text-neutral-800 ring-1 ring-neutral-200 focus:ring-2 focus:ring-brand-600"
      >
        {orgs.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name}
          </option>
        ))}
      </select>
    </label>
  );
}
