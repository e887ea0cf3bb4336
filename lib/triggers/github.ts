// The GitHub receiver (docs/triggers.md#github-receiver): verifies X-Hub-Signature-256, answers ping, turns push and
// release events into builds through the project's trigger rules, ignores everything else,
// and answers a repeated X-GitHub-Delivery, or the same push or release body sent again within 24 h
// (whatever its delivery id), with the answer it gave the first time.
import "server-only";
import { verify } from "@octokit/webhooks-methods";
import { z } from "zod";
import { createBuild, queueBuildAsSeen, queueSnapshotOf, type CreateBuildInput } from "@/lib/builds";
import { sha256Hex } from "@/lib/crypto";
import { Prisma } from "@/lib/db/generated/client";
import { always, isUniqueViolation, writeTogether, type Db } from "@/lib/db";
import { announceMessages } from "@/lib/delivery";
import { BadRequestError, UnauthorizedError } from "@/lib/errors";
import { buildDefaultsOf } from "@/lib/projects";
import { holdTriggerLimit, triggeredProject, type TriggeredProject } from "./admission";
import { occasionally } from "./occasionally";
import { projectSecret } from "./project-secrets";
import type { RateLimitStore } from "@/lib/rate-limit";
import { evaluateRules, type RuleMatch, type TriggerRule } from "./rules";
import { triggerRulesFromJson } from "./rules-store";

/** How long the same push or release body (by SHA-256) answers its first answer, whatever its delivery id. */
export const GITHUB_DUPLICATE_WINDOW_MS = 24 * 3600_000;

const commit = z.object({
  id: z.string(),
  message: z.string().default(""),
  added: z.array(z.string()).default([]),
  modified: z.array(z.string()).default([]),
  removed: z.array(z.string()).default([]),
});

const pushPayload = z.object({
  ref: z.string(),
  after: z.string().optional(),
  deleted: z.boolean().default(false),
  head_commit: commit.nullable().optional(),
  commits: z.array(commit).default([]),
});

const releasePayload = z.object({
  action: z.string(),
  release: z.object({ tag_name: z.string(), target_commitish: z.string().optional(), name: z.string().nullable().optional() }),
});

export interface GithubAnswer {
  status: number;
  body: {
    event: string;
    delivery: string | null;
    duplicate?: boolean;
    message: string;
    rules: (RuleMatch & { trigger: string })[];
    builds: { build_id: string; number: number; status: string }[];
  };
}

function parsePayload<S extends z.ZodType>(schema: S, raw: string, kind: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new BadRequestError("The payload is not JSON: set the webhook's content type to application/json in GitHub.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new BadRequestError(`The payload is not a GitHub ${kind} event.`);
  return parsed.data;
}

type AnswerBody = GithubAnswer["body"];

function duplicateOf(response: Prisma.JsonValue): GithubAnswer {
  return { status: 200, body: { ...(response as unknown as AnswerBody), duplicate: true } };
}

/** What earlier requests with the same delivery id or the same body answered (read with the project). */
interface Stored {
  byDelivery: Prisma.JsonValue | null;
  byBody: Prisma.JsonValue | null;
  /** A row for this body older than the window: it no longer answers, and must make room for this answer. */
  bodyExpired: boolean;
}

/**
 * The project, what the same delivery id or body answered before, and the project's rules, in
 * one query. The digest and delivery id are read before the signature is checked, and used after.
 */
async function lookUp(db: Db, projectId: string, delivery: string | null, digest: string, now: Date) {
  const cutoff = new Date(now.getTime() - GITHUB_DUPLICATE_WINDOW_MS).toISOString();
  const row = await triggeredProject<{ byDelivery: Prisma.JsonValue | null; byBody: Prisma.JsonValue | null; bodyAt: Date | string | null; rules: unknown }>(
    db,
    projectId,
    Prisma.sql`gd.response AS "byDelivery", gp.response AS "byBody", gp."createdAt" AS "bodyAt",
      (SELECT coalesce(json_agg(r ORDER BY r.position), '[]'::json) FROM "TriggerRule" r WHERE r."projectId" = p.id) AS rules`,
    Prisma.sql`
      LEFT JOIN "GithubDelivery" gd ON gd."projectId" = p.id AND gd."deliveryId" = ${delivery}
      LEFT JOIN "GithubPayload" gp ON gp."projectId" = p.id AND gp.digest = ${digest}`,
  );
  const { byDelivery, byBody, bodyAt, rules, ...project } = row;
  const bodyExpired = bodyAt !== null && new Date(bodyAt).toISOString() <= cutoff;
  const stored: Stored = { byDelivery, byBody: bodyExpired ? null : byBody, bodyExpired };
  return { project, stored, rules: triggerRulesFromJson(rules) };
}

/** Pruning runs at most every 10 s per process. */
const forgetNow = occasionally(10_000);

/** Best effort, after the answer is stored: bodies older than the window are forgotten, at most once per 10 s (by `now`). */
async function forgetOldPayloads(db: Db, now: Date) {
  if (!forgetNow(now)) return;
  await db.githubPayload
    .deleteMany({ where: { createdAt: { lte: new Date(now.getTime() - GITHUB_DUPLICATE_WINDOW_MS) } } })
    .catch((error: unknown) => console.error("[github] forgetting old payload digests failed:", error instanceof Error ? error.message : error));
}

/**
 * A matched rule's build. What its build_config leaves out comes from the project: platforms,
 * formats, the default release type (but a release build is `release` unless the rule says
 * otherwise) and the default flags, with the rule's flags on top.
 */
function buildRequest(project: TriggeredProject, rule: TriggerRule, facts: { source: "push" | "release"; ref: string; branch: string | null; sha: string | null; message: string | null; version: string | null }): CreateBuildInput {
  const defaults = buildDefaultsOf(project);
  return {
    orgId: project.organizationId,
    projectId: project.id,
    source: facts.source,
    ref: facts.ref,
    branch: facts.branch,
    commitSha: facts.sha,
    commitMessage: facts.message,
    version: facts.version,
    buildConfig: {
      platforms: rule.build_config.platforms ?? project.defaultPlatforms,
      formats: rule.build_config.formats ?? project.defaultFormats,
      release_type: rule.build_config.release_type ?? (facts.source === "release" ? "release" : defaults.releaseType),
      flags: { ...defaults.flags, ...rule.build_config.flags },
    },
  };
}

export async function handleGithubWebhook(
  db: Db,
  store: RateLimitStore,
  projectId: string,
  request: { headers: Headers; rawBody: string },
  now = new Date(),
): Promise<GithubAnswer> {
  const event = request.headers.get("x-github-event") ?? "";
  const delivery = request.headers.get("x-github-delivery");
  const digest = sha256Hex(request.rawBody);
  const { project, stored, rules } = await lookUp(db, projectId, delivery, digest, now);
  const signature = request.headers.get("x-hub-signature-256");
  if (!signature) throw new UnauthorizedError("Missing X-Hub-Signature-256: set the project's GitHub secret in the webhook's settings.");
  if (!(await verify(projectSecret(project, "github"), request.rawBody, signature).catch(() => false))) {
    throw new UnauthorizedError("X-Hub-Signature-256 does not match: the webhook's secret differs from this project's GitHub secret.");
  }
  const base = { event, delivery };

  if (stored.byDelivery) return duplicateOf(stored.byDelivery);

  if (event === "ping") return { status: 200, body: { ...base, message: "pong: the webhook is set up.", rules: [], builds: [] } };
  if (event !== "push" && event !== "release") {
    return { status: 202, body: { ...base, message: `Ignored: ${event || "this event"} does not trigger builds (push and release do).`, rules: [], builds: [] } };
  }

  // The same signed body again (a replay with a new or no X-GitHub-Delivery) answers the first answer.
  if (stored.byBody) return duplicateOf(stored.byBody);

  let matches: RuleMatch[] = [];
  let facts: Parameters<typeof buildRequest>[2] | null = null;
  let message: string;

  if (event === "push") {
    const push = parsePayload(pushPayload, request.rawBody, "push");
    if (push.deleted) message = `Ignored: ${push.ref} was deleted.`;
    else if (!push.ref.startsWith("refs/heads/")) message = `Ignored: ${push.ref} is not a branch (tag pushes do not trigger push rules).`;
    else {
      const branch = push.ref.slice("refs/heads/".length);
      const files = [...new Set(push.commits.flatMap((c) => [...c.added, ...c.modified, ...c.removed]))];
      matches = evaluateRules(rules, { kind: "push", push: { branch, files } });
      const head = push.head_commit ?? push.commits[push.commits.length - 1] ?? null;
      facts = { source: "push", ref: push.ref, branch, sha: push.after ?? head?.id ?? null, message: head?.message.split("\n")[0] ?? null, version: null };
      message = matches.length === 0 ? "No push rules are set up for this project." : "";
    }
  } else {
    const release = parsePayload(releasePayload, request.rawBody, "release");
    matches = evaluateRules(rules, { kind: "release", action: release.action });
    const tag = release.release.tag_name;
    facts = { source: "release", ref: `refs/tags/${tag}`, branch: null, sha: null, message: release.release.name ?? null, version: tag.replace(/^v(?=\d)/, "") };
    message = matches.length === 0 ? "No release rules are set up for this project." : "";
  }

  const matched = matches.filter((m) => m.matched);
  const ruleReport = matches.map((m) => ({ ...m, trigger: rules[m.index].trigger }));
  if (matched.length > 0 && facts) {
    await holdTriggerLimit(store, project.id, now, (seconds) => `GitHub will show this delivery as failed; redeliver it after ${seconds} s.`);
  }

  // The answer, stored for this delivery id and this body. Both records are unique: of two
  // identical requests at once, the second fails here and its builds are rolled back.
  const answerOf = (builds: AnswerBody["builds"]): AnswerBody => ({
    ...base,
    message: message || (builds.length ? `Queued ${builds.length} build(s).` : "No rule matched."),
    rules: ruleReport,
    builds,
  });
  // Written where `writtenIf` (SQL) holds: with the build, when its statement may write nothing.
  const records = (answer: AnswerBody, writtenIf: Prisma.Sql = always) => {
    const response = JSON.stringify(answer);
    const at = now.toISOString();
    return [
      ...(delivery
        ? [
            Prisma.sql`INSERT INTO "GithubDelivery" ("projectId", "deliveryId", "event", "response", "createdAt")
              SELECT ${project.id}, ${delivery}, ${event}, ${response}::jsonb, ${at}::timestamp(3) WHERE ${writtenIf}`,
          ]
        : []),
      Prisma.sql`INSERT INTO "GithubPayload" ("projectId", "digest", "deliveryId", "event", "response", "createdAt")
        SELECT ${project.id}, ${digest}, ${delivery}, ${event}, ${response}::jsonb, ${at}::timestamp(3) WHERE ${writtenIf}`,
    ];
  };
  const record = async (): Promise<{ body: AnswerBody; messages: Awaited<ReturnType<typeof createBuild>>["messages"] }> => {
    // A row for this body older than the window no longer counts: make room for this answer.
    if (stored.bodyExpired) await db.githubPayload.deleteMany({ where: { projectId: project.id, digest, createdAt: { lte: new Date(now.getTime() - GITHUB_DUPLICATE_WINDOW_MS) } } });
    if (matched.length === 0 || !facts) {
      const body = answerOf([]);
      await writeTogether(db, records(body)); // one statement: atomic on its own
      return { body, messages: [] };
    }
    if (matched.length === 1) {
      // One build, as a manual trigger queues one: in one statement checked against the project
      // as read now (queueBuildAsSeen), with the answer; else in the transaction below.
      const request = buildRequest(project, rules[matched[0].index], facts);
      const seen = await queueSnapshotOf(db, project.id, request.branch ?? null);
      let body = answerOf([]);
      const queued =
        seen &&
        (await queueBuildAsSeen(db, request, seen, now, (build, writtenIf) => {
          body = answerOf([{ build_id: build.id, number: build.number, status: build.status }]);
          return records(body, writtenIf);
        }));
      if (queued) return { body, messages: queued.messages };
    }
    return db.$transaction(async (tx) => {
      const builds: AnswerBody["builds"] = [];
      const published = [];
      let body = answerOf([]);
      for (const [i, m] of matched.entries()) {
        const last = i === matched.length - 1;
        // The last build's statement also stores the answer, which names every build.
        const created = await createBuild(tx, buildRequest(project, rules[m.index], facts!), now, (build) => {
          if (!last) return [];
          body = answerOf([...builds, { build_id: build.id, number: build.number, status: build.status }]);
          return records(body);
        });
        builds.push({ build_id: created.build.id, number: created.build.number, status: created.build.status });
        published.push(...created.messages);
      }
      return { body, messages: published };
    });
  };

  let outcome: Awaited<ReturnType<typeof record>>;
  try {
    outcome = await record();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // An identical request (same delivery id or same body) was recorded meanwhile: answer its answer.
    const raced = (await lookUp(db, project.id, delivery, digest, now)).stored;
    const answer = raced.byDelivery ?? raced.byBody;
    if (!answer) throw error;
    return duplicateOf(answer);
  }
  await announceMessages(outcome.messages);
  await forgetOldPayloads(db, now);
  return { status: 200, body: outcome.body };
}
