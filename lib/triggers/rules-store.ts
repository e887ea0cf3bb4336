// Stored trigger rules of a project, read and written in the JSON shape of the API.
import { recordAudit, type Actor } from "@/lib/audit";
import type { Prisma } from "@/lib/db/generated/client";
import { jsonColumn, newId, type Db } from "@/lib/db";
import { getProject } from "@/lib/projects";
import { storedTriggerRule, type TriggerRule } from "./rules";

type RuleRow = Awaited<ReturnType<Db["triggerRule"]["findFirstOrThrow"]>>;

function toRule(row: RuleRow): TriggerRule {
  const build_config = row.buildConfig as TriggerRule["build_config"];
  return row.trigger === "push"
    ? { trigger: "push", enabled: row.enabled, branches: row.branches, paths: { include: row.pathsInclude, exclude: row.pathsExclude }, build_config }
    : { trigger: "release", enabled: row.enabled, release_types: row.releaseTypes as never, build_config };
}

export async function getTriggerRules(db: Db, projectId: string): Promise<TriggerRule[]> {
  const rows = await db.triggerRule.findMany({ where: { projectId }, orderBy: { position: "asc" } });
  return rows.map(toRule).map((r) => storedTriggerRule.parse(r));
}

/** The rules of a `json_agg` of a project's TriggerRule rows, in position order (a query that reads them with the project). */
export function triggerRulesFromJson(rows: unknown): TriggerRule[] {
  return jsonColumn<RuleRow[]>(rows).map(toRule).map((r) => storedTriggerRule.parse(r));
}

/** Replaces the project's rules with `rules`, in order. */
export async function putTriggerRules(db: Db, orgId: string, projectId: string, rules: TriggerRule[], actor: Actor) {
  const project = await getProject(db, orgId, projectId);
  await db.$transaction([
    db.triggerRule.deleteMany({ where: { projectId: project.id } }),
    db.triggerRule.createMany({
      data: rules.map((rule, position) => ({
        id: newId("rule"),
        projectId: project.id,
        position,
        trigger: rule.trigger,
        enabled: rule.enabled,
        branches: rule.trigger === "push" ? rule.branches : [],
        pathsInclude: rule.trigger === "push" ? rule.paths.include : [],
        pathsExclude: rule.trigger === "push" ? rule.paths.exclude : [],
        releaseTypes: rule.trigger === "release" ? rule.release_types : [],
        buildConfig: rule.build_config as Prisma.InputJsonValue,
      })),
    }),
  ]);
  await recordAudit(db, orgId, actor, "project.trigger_rules_updated", { type: "project", id: project.id }, { rules: rules.length });
  return getTriggerRules(db, project.id);
}
