// Inngest calls this route to sync and run the delivery functions (docs/delivery.md#running-on-inngest).
// Outside Inngest's dev mode every call must carry a valid X-Inngest-Signature; the handlers and
// their guard are in lib/delivery/inngest/serve.ts.
import { getDb } from "@/lib/db";
import { deliveryContext } from "@/lib/delivery/context";
import { inngestHandlers } from "@/lib/delivery/inngest/serve";

const handlers = inngestHandlers(async () => deliveryContext(await getDb()));

export const GET = handlers.GET;
export const POST = handlers.POST;
export const PUT = handlers.PUT;
