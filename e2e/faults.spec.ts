// Faults with real processes: extra production servers started from the suite's `.next`
// build, killed with SIGKILL, and run against a private PostgreSQL that is stopped and
// started under load. Nothing here asserts a timing; every wait is for a condition, with a
// generous deadline. The figures are printed as `[faults] …` lines.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startCountingReceiver, type CountingReceiver } from "./support/counting-receiver";
import { findPostgresTools, startPrivatePostgres, type PrivatePostgres } from "./support/postgres";
import { demoCredentialsIn, removeDir, startAppServer, tempDir, waitFor, type AppServer } from "./support/servers";

/** The embedded worker's round: deliveries claimed at once, recorded together after the round. */
const WORKER_BATCH = 200;

interface Answer {
  status: number;
  contentType: string;
  retryAfter: string | null;
  body: Record<string, unknown> | null;
}

/** One API call with a client timeout: a hang fails the call instead of the test's deadline. */
async function api(server: AppServer, key: string, method: string, path: string, body?: unknown, timeoutMs = 15_000): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", retryAfter: res.headers.get("retry-after"), body: json };
}

async function createEndpoint(server: AppServer, key: string, receiver: CountingReceiver, name: string) {
  const created = await api(server, key, "POST", "/api/v1/webhooks", { name, url: `${receiver.url}/hooks/${name}`, events: [] });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body!.id as string;
}

/** Every event id the organization has, through the events API (pages of 100). */
async function eventIds(server: AppServer, key: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = await api(server, key, "GET", `/api/v1/events?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    for (const event of page.body!.data as { id: string }[]) ids.add(event.id);
    cursor = page.body!.next_cursor as string | null;
  } while (cursor);
  return ids;
}

/** The events of `after` that `before` did not have. */
function newIds(after: Set<string>, before: Set<string>) {
  return [...after].filter((id) => !before.has(id));
}

test.describe("faults", () => {
  test("kill -9 with a delivery backlog: after a restart every accepted event arrives, none lost", async () => {
    test.setTimeout(8 * 60_000);
    const dataDir = tempDir("faults-kill");
    const env = { DATA_DIR: dataDir, DATABASE_URL: "", INNGEST_EVENT_KEY: "", INNGEST_DEV: "" };
    // Slow and narrow: 2 requests at a time, 40–90 ms each (about 30 a second), so deliveries
    // queue up behind it while builds are published faster than that.
    const receiver = await startCountingReceiver({ delayMs: [40, 90], concurrency: 2 });
    let server: AppServer | undefined;
    try {
      server = await startAppServer({ label: "server A", env, logFile: test.info().outputPath("server-a.log") });
      const demo = await demoCredentialsIn(dataDir);
      await createEndpoint(server, demo.api_key, receiver, "kill9");
      const before = await eventIds(server, demo.api_key);

      // Queue builds of the default branch, 4 calls at a time: each publishes build.queued and
      // supersedes the one before it (build.superseded), so 2 events per build but the first.
      const maxBuilds = 300;
      let started = 0;
      let killed = false;
      const acceptedBuilds: string[] = [];
      const a = server;
      const publishing = Promise.all(
        Array.from({ length: 4 }, async () => {
          while (started < maxBuilds && !killed) {
            started++;
            try {
              const res = await api(a, demo.api_key, "POST", `/api/v1/projects/${demo.project_id}/builds`, {});
              expect(res.status, JSON.stringify(res.body)).toBe(201);
              acceptedBuilds.push(res.body!.id as string);
            } catch (error) {
              if (!killed) throw error;
            }
          }
        }),
      );
      let publishingDone = false;
      void publishing.then(
        () => (publishingDone = true),
        () => (publishingDone = true),
      );

      // SIGKILL while the receiver is working on deliveries and a backlog is waiting: once half
      // the builds are in and at least 100 events wait, or when publishing ends.
      const backlogNow = () => 2 * acceptedBuilds.length - 1 - receiver.unique();
      await waitFor(
        "deliveries in flight with a backlog",
        () => (receiver.inFlight() > 0 && ((acceptedBuilds.length >= maxBuilds / 2 && backlogNow() >= 100) || publishingDone) ? true : undefined),
        5 * 60_000,
        5,
      );
      const inFlightAtKill = receiver.inFlight();
      killed = true;
      await server.kill9();
      const receivedAtKill = receiver.unique();
      await publishing;
      const accepted = acceptedBuilds.length;

      // Same data folder, same port.
      server = await startAppServer({ label: "server A (restarted)", port: server.port, env, logFile: test.info().outputPath("server-a.log") });
      // What the API says was published: every event stored since the endpoint was created.
      const stored = newIds(await eventIds(server, demo.api_key), before);
      // Every build accepted before the kill has its build.queued among them …
      const queued = await queuedBuildIds(server, demo.api_key, stored);
      expect(acceptedBuilds.filter((id) => !queued.has(id))).toEqual([]);
      const backlog = stored.length - receivedAtKill;
      console.log(
        `[faults] kill -9: killed after ${accepted} builds with ${receivedAtKill} of ${stored.length} events received, ${inFlightAtKill} at the receiver in flight`,
      );
      expect(backlog, "the kill must leave undelivered events behind for the restart to deliver").toBeGreaterThan(0);
      // … and every stored event reaches the receiver at least once.
      await waitFor(
        "every accepted event at the receiver",
        () => (receiver.tally(stored).lost.length === 0 ? true : undefined),
        4 * 60_000,
        250,
      ).catch((error: Error) => {
        throw new Error(`${error.message}: ${receiver.tally(stored).lost.length} of ${stored.length} still missing\n${server!.output().slice(-3_000)}`);
      });
      const { lost, duplicated } = receiver.tally(stored);
      console.log(`[faults] kill -9: ${stored.length} events, ${lost.length} lost, ${duplicated.length} duplicates`);
      expect(lost).toEqual([]);
      // At least once: the round in flight at the kill (sent, not yet recorded) goes again, no more.
      expect(duplicated.length).toBeLessThanOrEqual(WORKER_BATCH);
    } finally {
      await server?.stop();
      await receiver.close();
      removeDir(dataDir);
    }
  });

  test("PostgreSQL stopped and started under load: 503 while it is down, recovery without a restart, nothing accepted lost", async () => {
    test.setTimeout(8 * 60_000);
    const tools = findPostgresTools();
    test.skip("missing" in tools, `a private PostgreSQL cluster cannot be started here: ${"missing" in tools ? tools.missing : ""}`);
    if ("missing" in tools) return;

    const receiver = await startCountingReceiver({ delayMs: [0, 5], concurrency: 16 });
    const dataDir = tempDir("faults-pg");
    let postgres: PrivatePostgres | undefined;
    let server: AppServer | undefined;
    let stopLoad = false;
    let load: Promise<unknown> | undefined;
    try {
      postgres = await startPrivatePostgres(tools);
      server = await startAppServer({
        label: "server B",
        logFile: test.info().outputPath("server-b.log"),
        env: {
          // An existing folder: with DATABASE_URL nothing creates DATA_DIR, and the seed's
          // demo-credentials.json cannot be written into a missing one (start-up fails).
          DATA_DIR: dataDir,
          DATABASE_URL: postgres.url,
          APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
          AUTH_SECRET: randomBytes(32).toString("base64"),
          SEED_DEMO: "1",
          ALLOW_HTTP_ENDPOINTS: "1",
          ALLOW_PRIVATE_ENDPOINTS: "1",
          DEMO_RUNNER: "0",
          INNGEST_EVENT_KEY: "",
          INNGEST_DEV: "",
        },
      });
      const b = server;
      const demo = await demoCredentialsIn(dataDir);
      await createEndpoint(b, demo.api_key, receiver, "pg-restart");
      const before = await eventIds(b, demo.api_key);

      // The database's state as the load sees it; each call is tagged with it when it starts and ends.
      type Phase = "up" | "stopping" | "down" | "starting" | "up again";
      let phase: Phase = "up";
      const calls: { started: Phase; ended: Phase; answer?: Answer; failure?: string; buildId?: string }[] = [];
      const answeredIn = (p: Phase) => calls.filter((c) => c.started === p && c.ended === p);
      const succeeded = (p: Phase) => answeredIn(p).filter((c) => c.answer && c.answer.status < 300).length;

      load = Promise.all(
        Array.from({ length: 4 }, async () => {
          while (!stopLoad) {
            const started = phase;
            const call: (typeof calls)[number] = { started, ended: started };
            try {
              call.answer = await api(b, demo.api_key, "POST", `/api/v1/projects/${demo.project_id}/builds`, {}, 10_000);
              if (call.answer.status < 300) call.buildId = call.answer.body!.id as string;
            } catch (error) {
              call.failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
            }
            call.ended = phase;
            calls.push(call);
            // While it is down, answers come at once: keep the loop from spinning.
            if (call.answer?.status === 503) await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }),
      );

      await waitFor("30 builds queued before the stop", () => (succeeded("up") >= 30 ? true : undefined), 60_000);
      phase = "stopping";
      await postgres.stop();
      phase = "down";

      // While it is down: the load gets 503s, and so do other routes and the health check.
      await waitFor("20 answers while PostgreSQL is down", () => (answeredIn("down").length >= 20 ? true : undefined), 60_000, 50);
      const listWhileDown = await api(b, demo.api_key, "GET", "/api/v1/projects", undefined, 10_000);
      const eventsWhileDown = await api(b, demo.api_key, "GET", "/api/v1/events", undefined, 10_000);
      const health = await fetch(`${b.url}/api/health`, { signal: AbortSignal.timeout(10_000) });
      const healthBody = (await health.json()) as Record<string, unknown>;

      phase = "starting";
      await postgres.start();
      phase = "up again";
      await waitFor("30 builds queued after the restart", () => (succeeded("up again") >= 30 ? true : undefined), 120_000);
      stopLoad = true;
      await load;

      const down = answeredIn("down");
      for (const answer of [listWhileDown, eventsWhileDown, ...down.map((c) => c.answer)]) {
        expect(answer, `every call while PostgreSQL is down is answered (no hang): ${JSON.stringify(down.find((c) => !c.answer))}`).toBeDefined();
        expect(answer!.status, JSON.stringify(answer!.body)).toBe(503);
        expect(answer!.contentType).toContain("application/problem+json");
        expect(answer!.body).toMatchObject({ status: 503, code: "database_unavailable" });
        expect(answer!.retryAfter).toBe("5");
      }
      expect(health.status).toBe(503);
      expect(healthBody).toMatchObject({ status: "degraded", database: "unreachable" });
      // Nothing anywhere is a 500 or a hang: while it stops and starts too, calls succeed or get a 503.
      const odd = calls.filter((c) => !c.answer || (c.answer.status >= 300 && c.answer.status !== 503));
      expect(odd, JSON.stringify(odd.slice(0, 5))).toEqual([]);

      // Every accepted call stored its events, and every stored event reaches the receiver.
      const stored = newIds(await eventIds(b, demo.api_key), before);
      const queuedBuilds = new Set(calls.filter((c) => c.buildId).map((c) => c.buildId!));
      expect(stored.length).toBeGreaterThanOrEqual(queuedBuilds.size);
      await waitFor(
        "every accepted event at the receiver",
        () => (receiver.tally(stored).lost.length === 0 ? true : undefined),
        // A round cut short between claiming and sending waits for its lease (120 s).
        4 * 60_000,
        250,
      ).catch((error: Error) => {
        throw new Error(`${error.message}: ${receiver.tally(stored).lost.length} of ${stored.length} still missing\n${b.output().slice(-3_000)}`);
      });
      // The builds the API accepted are among the events delivered (build.queued carries the build).
      const delivered = await queuedBuildIds(b, demo.api_key, stored);
      expect([...queuedBuilds].filter((id) => !delivered.has(id))).toEqual([]);

      const { lost } = receiver.tally(stored);
      const answered503 = calls.filter((c) => c.answer?.status === 503).length;
      console.log(
        `[faults] postgres restart: ${stored.length} accepted, ${lost.length} lost, ${down.length} answered 503 while down` +
          ` (${answered503} load calls answered 503 in all, ${queuedBuilds.size} builds accepted)`,
      );
      expect(lost).toEqual([]);
    } finally {
      stopLoad = true;
      await load?.catch(() => {});
      if (postgres) await test.info().attach("postgres log", { body: postgres.log(), contentType: "text/plain" });
      await server?.stop();
      await postgres?.destroy();
      await receiver.close();
      removeDir(dataDir);
    }
  });
});

/** The build ids carried by the build.queued events among `ids`. */
async function queuedBuildIds(server: AppServer, key: string, ids: string[]) {
  const wanted = new Set(ids);
  const builds = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = await api(server, key, "GET", `/api/v1/events?limit=100&type=build.queued${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(page.status).toBe(200);
    for (const event of page.body!.data as { id: string; data: { build: { id: string } } }[]) {
      if (wanted.has(event.id)) builds.add(event.data.build.id);
    }
    cursor = page.body!.next_cursor as string | null;
  } while (cursor);
  return builds;
}
