import { useState } from "react";
import { toast } from "sonner";
import type { FieldError } from "@/lib/errors";

/** Field errors of an action result, keyed by top-level field, first message wins. */
export function byField(errors: FieldError[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of errors ?? []) map[e.field.split(".")[0]] ??= e.message;
  return map;
}

/** A form's errors by field: `fail` shows a refused action's errors next to their fields and its message as a toast. */
export function useFieldErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  return {
    errors,
    clear: () => setErrors({}),
    fail: (error: { message: string; fieldErrors?: FieldError[] }) => {
      setErrors(byField(error.fieldErrors));
      toast.error(error.message);
    },
  };
}
