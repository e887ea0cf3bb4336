// A minimal receiver for benchmarks: answers every POST with 200, in its own process.
// For paths under /latency it also reports, over IPC, how long after the event's envelope
// timestamp the request arrived.
import { createServer } from "node:http";

const server = createServer((req, res) => {
  const timed = req.url?.startsWith("/latency");
  const chunks = [];
  req.on("data", (c) => timed && chunks.push(c));
  req.on("end", () => {
    if (timed) {
      const { timestamp } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      process.send?.({ latencyMs: Date.now() - Date.parse(timestamp) });
    }
    res.writeHead(200, { "content-type": "text/plain", "content-length": "2" });
    res.end("ok");
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
