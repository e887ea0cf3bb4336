// Reading request bodies with a size cap enforced while streaming: a declared Content-Length
// over the cap is refused before anything is read, and a chunked upload is cancelled as soon
// as it passes the cap. Either way the answer is 413 and the rest is never buffered.
import { BadRequestError, PayloadTooLargeError } from "@/lib/errors";

/** The cap of every body but the GitHub receiver's. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The body's bytes, at most `limitBytes` of them. */
export async function readBodyBytes(req: Request, limitBytes = DEFAULT_BODY_LIMIT): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limitBytes) {
    await req.body?.cancel().catch(() => {});
    throw new PayloadTooLargeError(limitBytes);
  }
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body as UTF-8 text, at most `limitBytes`; bytes that are not UTF-8 are a 400. */
export async function readBodyText(req: Request, limitBytes = DEFAULT_BODY_LIMIT): Promise<string> {
  const bytes = await readBodyBytes(req, limitBytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError("The body is not valid UTF-8 text.");
  }
}
