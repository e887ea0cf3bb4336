// Inngest calls this route to sync and run the delivery functions (docs/delivery.md#engines).
import { serve } from "inngest/next";
import { getDb } from "@/lib/db";
import { deliveryContext } from "@/lib/delivery/context";
import { createDeliveryFunctions, inngest } from "@/lib/delivery/inngest";

const functions = createDeliveryFunctions(async () => deliveryContext(await getDb()));

export const { GET, POST, PUT } = serve({ client: inngest, functions: Object.values(functions) });
