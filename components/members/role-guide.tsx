import { SectionCard } from "@/components/ui/section-card";
import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/organizations/roles";

/** What each role may do, for the Members page. */
export function RoleGuide() {
  return (
    <SectionCard id="roles" title="Roles" description="Each role can do everything the roles below it can.">
      <dl className="grid gap-3 sm:grid-cols-2">
        {ROLES.map((role) => (
          <div key={role} className="rounded-md bg-neutral-50 px-3 py-2 ring-1 ring-neutral-200">
            <dt className="text-sm font-semibold text-neutral-900 capitalize">{role}</dt>
            <dd className="mt-0.5 text-sm text-neutral-600">{ROLE_DESCRIPTIONS[role]}</dd>
          </div>
        ))}
      </dl>
    </SectionCard>
  );
}
