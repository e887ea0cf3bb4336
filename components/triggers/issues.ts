import type { z } from "zod";

/** A validation problem at a dotted path, as the API reports it ("rules.0.build_config.release_type"). */
export interface RuleIssue {
  field: string;
  message: string;
}

export function issuesOf(error: z.ZodError): RuleIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join(".") : "(rules)",
    message: issue.message,
  }));
}
