// Calling server actions from the browser. A server action answers { ok, data } or
// { ok: false, error, fieldErrors }; a network failure rejects. Both failures become one
// ActionError, so every caller reports them one way.
import type { ActionResult } from "@/lib/actions/guard";
import type { FieldError } from "@/lib/errors";

export const UNREACHABLE = "Could not reach the server. Try again.";

/** A refused or failed server action: the message to show, and the field errors to show next to inputs. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = "ActionError";
  }
}

/** The data of a server action's answer; a refusal or a network failure throws ActionError. */
export async function unwrap<T>(call: () => Promise<ActionResult<T>>): Promise<T> {
  let result: ActionResult<T>;
  try {
    result = await call();
  } catch {
    throw new ActionError(UNREACHABLE);
  }
  if (!result.ok) throw new ActionError(result.error, result.fieldErrors);
  return result.data;
}
