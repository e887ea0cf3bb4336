// In-process wake-up: publishing tells the embedded worker that deliveries are due, so it
// does not wait for its next poll. Across processes the poll (and leases) still apply.
import { EventEmitter } from "node:events";
import { processSingleton } from "@/lib/config/singleton";

const emitter = () => processSingleton("delivery-wake", () => new EventEmitter().setMaxListeners(100));

export function notifyDeliveriesDue() {
  emitter().emit("due");
}

export function onDeliveriesDue(listener: () => void): () => void {
  emitter().on("due", listener);
  return () => emitter().off("due", listener);
}
