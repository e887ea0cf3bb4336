// zod issues as field errors in wire paths ("build_config.platforms.0"), for problem+json
// bodies, server action results and form messages alike.
import type { z } from "zod";
import type { FieldError } from "@/lib/errors";

type Issue = z.core.$ZodIssue;

/** Field errors in wire paths. Zod 4 reports a bad record key as one issue wrapping the real ones. */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  const flatten = (issue: Issue, prefix: PropertyKey[]): FieldError[] => {
    const path = [...prefix, ...issue.path];
    if ((issue.code === "invalid_key" || issue.code === "invalid_element") && issue.issues.length) {
      return issue.issues.flatMap((inner) => flatten(inner, path));
    }
    return [{ field: path.length ? path.map(String).join(".") : "(body)", message: issue.message, code: issue.code }];
  };
  return error.issues.flatMap((issue) => flatten(issue, []));
}
