// How the audit log shows an entry's parts: who, the metadata in one line, local times for
// the custom range inputs.

export const ACTOR_TYPES: Record<string, string> = { user: "member", system: "system" };

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.map(valueText).join(", ") || "none";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The metadata in one line: "name: Deploy bot · scopes: builds:write" ("" when there is none). */
export function metadataSummary(metadata: Record<string, unknown>, max = 140): string {
  const text = Object.entries(metadata)
    .map(([key, value]) => `${key.replaceAll("_", " ")}: ${valueText(value)}`)
    .join(" · ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The groups of the actions present ("endpoint.created" → "endpoint.*"), then the actions, each once and sorted. */
export function actionOptions(actions: string[], current: string): { groups: string[]; actions: string[] } {
  const all = new Set(actions);
  const groups = new Set(actions.filter((a) => a.includes(".")).map((a) => `${a.split(".", 1)[0]}.*`));
  // A shared link may name an action this organization has not recorded (yet): keep it selectable.
  if (current) (current.endsWith(".*") ? groups : all).add(current);
  return { groups: [...groups].sort(), actions: [...all].sort() };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An ISO date-time as a datetime-local input's value, in the browser's time zone ("" if invalid). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value (browser time zone) as an ISO date-time ("" if empty or invalid). */
export function fromLocalInput(local: string): string {
  const d = new Date(local);
  return !local || Number.isNaN(d.getTime()) ? "" : d.toISOString();
}
