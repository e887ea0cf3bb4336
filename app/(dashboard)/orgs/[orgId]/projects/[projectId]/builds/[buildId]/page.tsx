import Link from "next/link";
import { notFound } from "next/navigation";
import { BuildDetail } from "@/components/builds/build-detail";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";
import { getBuild, toBuildDetailResource } from "@/lib/builds";
import { NotFoundError } from "@/lib/errors";

export const metadata = { title: "Build" };

export default async function BuildPage({ params }: { params: Promise<{ orgId: string; projectId: string; buildId: string }> }) {
  const { orgId, projectId, buildId } = await params;
  const { db, role } = await requireOrgPage(orgId, "builds:read");
  const build = await getBuild(db, orgId, buildId).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  if (build.projectId !== projectId) notFound();
  return (
    <div className="space-y-4">
      <Link href={`/orgs/${orgId}/projects/${projectId}/builds`} className="text-sm text-brand-700 hover:underline">
        ← All builds
      </Link>
      <BuildDetail orgId={orgId} initial={toBuildDetailResource(build)} canWrite={can({ kind: "role", role }, "builds:write")} />
    </div>
  );
}
