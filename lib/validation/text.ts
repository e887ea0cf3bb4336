// Text every boundary refuses, whatever the field: NUL (PostgreSQL cannot store it in text)
// and lone UTF-16 surrogates (not text at all; they cannot be encoded as UTF-8). Checked once
// for the whole input before any schema runs, keys included, without recursion so that a
// deeply nested body cannot exhaust the stack.
import type { FieldError } from "@/lib/errors";

/** Deeper inputs are refused: no request of this API nests anywhere near this. */
export const MAX_INPUT_DEPTH = 32;

const NUL = "\u0000";

function problemOf(text: string): string | null {
  if (text.includes(NUL)) return "Contains a NUL character (U+0000), which text fields cannot hold. Remove it.";
  if (!text.isWellFormed()) return "Contains an unpaired UTF-16 surrogate, which is not valid text. Send well-formed Unicode.";
  return null;
}

const pathOf = (path: readonly (string | number)[]) => (path.length ? path.join(".") : "(body)");

/** Field errors for every string (and object key) in `value` that no text field may hold. */
export function textProblems(value: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === "string") {
      const problem = problemOf(current);
      if (problem) problems.push({ field: pathOf(path), message: problem, code: "invalid_text" });
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    if (path.length >= MAX_INPUT_DEPTH) {
      problems.push({ field: pathOf(path), message: `Nested more than ${MAX_INPUT_DEPTH} levels deep.`, code: "too_deep" });
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((v, i) => [i, v]) : Object.entries(current);
    for (const [key, child] of entries) {
      if (typeof key === "string") {
        const problem = problemOf(key);
        if (problem) problems.push({ field: pathOf([...path, "(key)"]), message: `A key ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`, code: "invalid_text" });
      }
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return problems;
}
