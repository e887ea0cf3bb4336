/** JSON for reading: indented objects, and arrays of plain values kept on one line (`["macos", "windows"]`). */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_, items: string) => `[${items.split(/,\n\s*/).join(", ")}]`);
}
