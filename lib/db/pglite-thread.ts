// PGlite on a thread of its own (docs/PERFORMANCE.md#pglite-on-its-own-thread). PGlite is
// PostgreSQL compiled to WebAssembly: every statement runs synchronously on the thread that
// calls it. On the server's main thread, each statement held up HTTP, signing and rendering
// for as long as it ran. Here a worker thread owns the database and speaks the PostgreSQL wire
// protocol with this thread, as a server would over a socket: this thread encodes each query,
// the worker runs the bytes through PGlite and sends the answer's bytes back, and this thread
// decodes them with PGlite's own parser, serializers and result parser. Statements run on one
// core while the server's work goes on on another.
//
// What PGlite's query() and transaction() promise still holds: a transaction runs alone (other
// queries wait until it ends), a statement's error is PGlite's DatabaseError, and what a
// statement wrote outside a transaction is on disk before it answers. Each statement is
// prepared once (as on PostgreSQL: see openPostgres), at most PREPARED_STATEMENTS of them.
import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { messages, parse, protocol, types, type PGlite } from "@electric-sql/pglite";

/** Statements kept prepared; beyond, a new statement is parsed each time it runs. */
const PREPARED_STATEMENTS = 500;

type QueryOptions = NonNullable<Parameters<PGlite["query"]>[2]>;
type Results = Awaited<ReturnType<PGlite["query"]>>;

// The worker: opens the database, then runs each message it receives through PGlite, in the
// order received, and sends back what PGlite answered. CommonJS given as a string, so it needs
// no file of its own next to the server's bundled code; PGlite is loaded from the path this
// thread resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { PGlite } = require(workerData.pglite);
let queue = PGlite.create(workerData.dir).then(
  (pglite) => { parentPort.postMessage({ ready: true }); return pglite; },
  (error) => { parentPort.postMessage({ failed: String(error && error.stack || error) }); throw error; },
);
parentPort.on("message", (message) => {
  queue = queue.then(async (pglite) => {
    try {
      if (message.close) {
        await pglite.close();
        parentPort.postMessage({ id: message.id, answer: new Uint8Array(0) });
        return pglite;
      }
      const answer = await pglite.execProtocolRaw(message.bytes, { syncToFs: message.sync });
      parentPort.postMessage({ id: message.id, answer }, [answer.buffer]);
    } catch (error) {
      parentPort.postMessage({ id: message.id, failed: String(error && error.message || error) });
    }
    return pglite;
  });
});
`;

interface Answer {
  id?: number;
  ready?: true;
  answer?: Uint8Array;
  failed?: string;
}

/** The wire to the worker: bytes of protocol messages out, bytes of PGlite's answer back. */
class Wire {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve(bytes: Uint8Array): void; reject(error: Error): void }>();
  #next = 0;
  #broken: Error | null = null;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on("message", (m: Answer) => {
      const waiter = m.id === undefined ? undefined : this.#waiting.get(m.id);
      if (!waiter) return;
      this.#waiting.delete(m.id!);
      if (m.answer) waiter.resolve(m.answer);
      else waiter.reject(new Error(`PGlite: ${m.failed}`));
    });
    const broken = (error: Error) => {
      this.#broken = error;
      for (const waiter of this.#waiting.values()) waiter.reject(error);
      this.#waiting.clear();
    };
    worker.on("error", broken);
    worker.on("exit", (code) => broken(new Error(`PGlite's thread exited (code ${code})`)));
  }

  static async open(dir: string | undefined): Promise<Wire> {
    // From the project's folder, where the server runs: the bundled server code has no path of its own.
    const pglite = createRequire(join(process.cwd(), "package.json")).resolve("@electric-sql/pglite");
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { dir, pglite } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: Answer) => {
        if (!m.ready && m.failed === undefined) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        if (m.ready) resolve();
        else reject(new Error(`PGlite could not open ${dir ?? "an in-memory database"}: ${m.failed}`));
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    return new Wire(worker);
  }

  /** Sends protocol messages; resolves with PGlite's answer. `sync`: written to disk before it answers. */
  send(bytes: Uint8Array, sync: boolean): Promise<Uint8Array> {
    if (this.#broken) return Promise.reject(this.#broken);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, bytes, sync });
    });
  }

  async close() {
    if (!this.#broken) {
      const id = this.#next++;
      await new Promise<void>((resolve) => {
        this.#waiting.set(id, { resolve: () => resolve(), reject: () => resolve() });
        this.#worker.postMessage({ id, close: true });
      });
    }
    await this.#worker.terminate();
  }
}

/**
 * Many queries at once, or one transaction alone, in the order they asked. Queries sent at
 * once run one after another in the worker, in the order sent, each a whole; a transaction
 * waits for those before it and keeps the others out until it ends.
 */
class Gate {
  #running = 0;
  #alone = false;
  readonly #queue: { alone: boolean; go(): void }[] = [];

  async run<T>(alone: boolean, body: () => Promise<T>): Promise<T> {
    if (this.#queue.length > 0 || this.#alone || (alone && this.#running > 0)) {
      await new Promise<void>((go) => this.#queue.push({ alone, go }));
    } else {
      this.#enter(alone);
    }
    try {
      return await body();
    } finally {
      this.#running--;
      if (alone) this.#alone = false;
      this.#admit();
    }
  }

  #enter(alone: boolean) {
    this.#running++;
    this.#alone = alone;
  }

  #admit() {
    while (this.#queue.length > 0 && !this.#alone) {
      const next = this.#queue[0];
      if (next.alone && this.#running > 0) return;
      this.#queue.shift();
      this.#enter(next.alone);
      next.go();
    }
  }
}

/** A statement's identity: its text, and the parameter types it was given, if any. */
const keyOf = (sql: string, options?: QueryOptions) => (options?.paramTypes ? `${options.paramTypes.join(",")}\n${sql}` : sql);

/** Decodes PGlite's answer; throws the first error in it, as PGlite's query() does. */
function decode(bytes: Uint8Array, sql: string, params: unknown[] | undefined, options: QueryOptions | undefined): messages.BackendMessage[] {
  const received: messages.BackendMessage[] = [];
  new protocol.Parser().parse(bytes, (message) => received.push(message));
  const error = received.find((m) => m instanceof messages.DatabaseError);
  if (error) throw Object.assign(error, { query: sql, params, queryOptions: options });
  return received;
}

/** The part of PGlite's API the app uses (query, exec, transaction, close), over the wire. */
export async function openPgliteThread(dir: string | undefined): Promise<PGlite> {
  const wire = await Wire.open(dir);
  const gate = new Gate();
  const { serialize } = protocol;
  const serializers: Record<number, (value: unknown) => string> = { ...types.serializers };
  const parsers: Record<number, (value: string, typeId?: number) => unknown> = { ...types.parsers };
  const prepared = new Map<string, { name: string; paramTypes: number[] }>();
  // Not Buffer.concat: a small Buffer is a view of a shared 8 KB slab, which postMessage would copy whole.
  const concat = (parts: Uint8Array[]) => {
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.byteLength;
    }
    return bytes;
  };

  // The adapter sends its parsers with every query; they are written into the table once
  // (again whenever an entry differs), so results are not parsed with a copy of the table.
  const withParsers = (options?: QueryOptions) => {
    const given = options?.parsers;
    if (given) for (const type in given) if (parsers[type] !== given[type]) parsers[type] = given[type];
    return parsers;
  };

  /** Prepares `sql` (named, unless the cap is reached) and learns its parameter types. */
  async function prepare(sql: string, options: QueryOptions | undefined) {
    const name = prepared.size < PREPARED_STATEMENTS ? `cc_${prepared.size}` : "";
    const answer = decode(
      await wire.send(concat([serialize.parse({ name, text: sql, types: options?.paramTypes }), serialize.describe({ type: "S", name }), serialize.sync()]), false),
      sql,
      undefined,
      options,
    );
    const description = answer.find((m) => m instanceof messages.ParameterDescriptionMessage);
    return { name, paramTypes: description instanceof messages.ParameterDescriptionMessage ? description.dataTypeIDs : [] };
  }

  /** Runs one statement: one message to the worker once it is prepared. */
  async function run(sql: string, params: unknown[] = [], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results> {
    const key = keyOf(sql, options);
    let statement = prepared.get(key);
    if (!statement) {
      statement = await prepare(sql, options);
      if (statement.name) prepared.set(key, statement);
    }
    const { name, paramTypes } = statement;
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = options?.serializers?.[paramTypes[i]] ?? serializers[paramTypes[i]];
      return serializer ? serializer(value) : String(value);
    });
    // An unnamed statement is parsed again in the same message: another query may have replaced it since.
    const bytes = concat([
      ...(name ? [] : [serialize.parse({ name, text: sql, types: paramTypes })]),
      serialize.bind({ statement: name, values }),
      serialize.describe({ type: "P" }),
      serialize.execute({}),
      serialize.sync(),
    ]);
    const answer = decode(await wire.send(bytes, !inTransaction), sql, params, options);
    return parse.parseResults(answer, withParsers(options), options)[0];
  }

  /** Runs a script of statements (the simple query protocol); returns each one's results. */
  async function exec(sql: string, options: QueryOptions | undefined, inTransaction: boolean): Promise<Results[]> {
    const answer = decode(await wire.send(concat([serialize.query(sql), serialize.sync()]), !inTransaction), sql, undefined, options);
    return parse.parseResults(answer, withParsers(options), options);
  }

  // A first run of a statement takes two messages: it goes alone, so that no transaction
  // starts between them. Known statements go at once.
  const firstRun = (sql: string, options?: QueryOptions) => !prepared.has(keyOf(sql, options));

  async function transaction<T>(body: (tx: Transaction) => Promise<T>): Promise<T> {
    return gate.run(true, async () => {
      await exec("BEGIN", undefined, true);
      let closed = false;
      const open = () => {
        if (closed) throw new Error("Transaction is closed");
      };
      const tx: Transaction = {
        query: async (sql, params, options) => (open(), run(sql, params, options, true)),
        exec: async (sql, options) => (open(), exec(sql, options, true)),
        rollback: async () => {
          open();
          await exec("ROLLBACK", undefined, true);
          closed = true;
        },
        get closed() {
          return closed;
        },
      };
      try {
        const result = await body(tx);
        if (!closed) {
          closed = true;
          const [committed] = await exec("COMMIT", undefined, false);
          // COMMIT of a transaction a statement failed in rolls it back instead.
          if (committed?.command === "ROLLBACK") throw new Error("The transaction was rolled back: a statement in it failed");
        }
        return result;
      } catch (error) {
        if (!closed) {
          closed = true;
          await exec("ROLLBACK", undefined, false);
        }
        throw error;
      }
    });
  }

  const facade = {
    parsers,
    serializers,
    query: (sql: string, params?: unknown[], options?: QueryOptions) => gate.run(firstRun(sql, options), () => run(sql, params, options, false)),
    exec: (sql: string, options?: QueryOptions) => gate.run(false, () => exec(sql, options, false)),
    transaction,
    close: () => wire.close(),
  };
  // The array types of this database (text[], int4[], …), as PGlite registers them when it opens.
  const arrays = await facade.query(
    `SELECT b.oid, b.typarray FROM pg_catalog.pg_type a LEFT JOIN pg_catalog.pg_type b ON b.oid = a.typelem WHERE a.typcategory = 'A' GROUP BY b.oid, b.typarray ORDER BY b.oid`,
  );
  for (const { oid, typarray } of arrays.rows as { oid: number; typarray: number }[]) {
    serializers[typarray] = (value) => types.arraySerializer(value, serializers[oid], typarray);
    parsers[typarray] = (value) => types.arrayParser(value, parsers[oid], typarray);
  }
  // Only this part of PGlite's interface exists here; the Prisma adapter and the migrator use no other.
  return facade as unknown as PGlite;
}

/** The part of PGlite's Transaction the Prisma adapter uses (PGlite's own is generic per call). */
interface Transaction {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results>;
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}
