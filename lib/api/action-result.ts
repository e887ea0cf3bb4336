// Server actions return values, never throw across the wire: the UI shows `error`
// (and field errors next to their inputs) in a toast or form.
import { z } from "zod";
import { AppError, ValidationError, type FieldError } from "@/lib/errors";
import { fieldErrorsFromZod } from "./problem";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldError[] };

export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, error: error.message, fieldErrors: error.errors };
    if (error instanceof z.ZodError) {
      const fieldErrors = fieldErrorsFromZod(error);
      return { ok: false, error: fieldErrors[0]?.message ?? "Invalid input.", fieldErrors };
    }
    if (error instanceof AppError) return { ok: false, error: error.message };
    console.error("[action] unexpected error", error instanceof Error ? error.stack : error);
    return { ok: false, error: "Something went wrong. Try again." };
  }
}
