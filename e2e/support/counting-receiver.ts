// A webhook receiver for the fault specs: counts every request per `webhook-id` (the
// message id, the same on every retry), answers 200 after a random delay, and works on at
// most `concurrency` requests at once (the rest wait their turn), so a backlog builds.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface CountingReceiverOptions {
  /** Answer after a delay between these two, in ms. */
  delayMs: [number, number];
  /** Requests answered at once; the others wait. */
  concurrency: number;
}

export async function startCountingReceiver(options: CountingReceiverOptions) {
  /** Requests received per webhook-id. */
  const counts = new Map<string, number>();
  let requests = 0;
  let inFlight = 0;
  let active = 0;
  const waiting: ServerResponse[] = [];

  const next = () => {
    while (active < options.concurrency && waiting.length > 0) {
      const res = waiting.shift()!;
      if (res.destroyed) continue;
      active++;
      const [min, max] = options.delayMs;
      setTimeout(
        () => {
          active--;
          if (!res.destroyed) {
            res.writeHead(200, { "content-type": "application/json" });
            res.end('{"ok":true}');
          }
          next();
        },
        min + Math.random() * (max - min),
      );
    }
  };

  const server = createServer((req, res) => {
    // Drain the body; the request counts as received once it arrived whole.
    req.resume();
    req.on("end", () => {
      const id = req.headers["webhook-id"];
      if (typeof id === "string") counts.set(id, (counts.get(id) ?? 0) + 1);
      requests++;
      inFlight++;
      res.once("close", () => inFlight--);
      waiting.push(res);
      next();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    /** Requests received in all, duplicates included. */
    requests: () => requests,
    /** Requests received and not yet answered (or abandoned). */
    inFlight: () => inFlight,
    /** Distinct webhook-ids received. */
    unique: () => counts.size,
    /** Of `ids`, those never received, and those received more than once. */
    tally(ids: Iterable<string>) {
      const lost: string[] = [];
      const duplicated: string[] = [];
      for (const id of ids) {
        const n = counts.get(id) ?? 0;
        if (n === 0) lost.push(id);
        else if (n > 1) duplicated.push(id);
      }
      return { lost, duplicated };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type CountingReceiver = Awaited<ReturnType<typeof startCountingReceiver>>;
