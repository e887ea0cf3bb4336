// A receiver's answer written as a stream under back-pressure: the next chunk leaves only
// when the client has taken the last, so `written` shows how much the client actually read
// (plus what the kernel buffers hold), and `finished` whether the whole body went out.
import type { ServerResponse } from "node:http";

export interface StreamedBody {
  /** Bytes handed to the socket so far. */
  written: number;
  /** The connection closed (either side). */
  closed: boolean;
  /** Every byte was written before it closed. */
  finished: boolean;
}

/** Answers 200 with `total` bytes of "a", declared in content-length, written 64 KiB at a time. */
export function streamBody(res: ServerResponse, total: number, contentType = "application/octet-stream"): StreamedBody {
  const state: StreamedBody = { written: 0, closed: false, finished: false };
  const chunk = Buffer.alloc(64 * 1024, "a");
  res.writeHead(200, { "content-type": contentType, "content-length": String(total) });
  res.on("close", () => {
    state.closed = true;
    state.finished = res.writableFinished;
  });
  const pump = () => {
    while (state.written < total && !res.destroyed) {
      const part = chunk.subarray(0, Math.min(chunk.length, total - state.written));
      state.written += part.length;
      if (!res.write(part)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
  return state;
}
