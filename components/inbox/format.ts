// Display helpers of the Test inbox page.

/** The body pretty-printed when it is JSON, as it came otherwise. */
export function prettyBody(body: string): { text: string; json: boolean; value?: unknown } {
  if (!body.trim()) return { text: "", json: false };
  try {
    const value: unknown = JSON.parse(body);
    return { text: JSON.stringify(value, null, 2), json: true, value };
  } catch {
    return { text: body, json: false };
  }
}

/** A curl command that sends the inbox something to look at. */
export function curlCommand(url: string): string {
  return `curl -X POST '${url}' \\\n  -H 'content-type: application/json' \\\n  -d '{"hello": "inbox"}'`;
}

/** A header's value, whatever the case of its name. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/** A byte count in MiB, as the limits are stated ("10 MiB"). */
export function formatMiB(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
}
