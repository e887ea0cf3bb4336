// Outgoing mail: the few messages the app sends (invitations) over the operator's SMTP server,
// `SMTP_URL` (smtp://user:pass@host:587, or smtps:// for TLS from the first byte). Without it the
// app sends nothing and shows links to copy instead. docs/security.md#members-and-invitations.
import "server-only";
import nodemailer from "nodemailer";
import { z } from "zod";

export type Mail = { to: string; subject: string; text: string };

// A mail server that does not answer must not hold a request for long.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
const DEFAULT_FROM = "Control Center <no-reply@localhost>";

const smtpUrl = z.url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL." });

type Env = Record<string, string | undefined>;

/** Whether an SMTP server is configured (mail is then sent; otherwise links are only shown). */
export function mailEnabled(env: Env = process.env): boolean {
  return Boolean(env.SMTP_URL?.trim());
}

/**
 * Sends `mail` through SMTP_URL from MAIL_FROM. Rejects when no server is configured, the URL
 * is invalid, or the server refuses or does not answer in time (10 s to connect and greet,
 * 20 s of silence).
 */
export async function sendMail(mail: Mail, env: Env = process.env): Promise<void> {
  const parsed = smtpUrl.safeParse(env.SMTP_URL?.trim());
  if (!parsed.success) throw new Error(env.SMTP_URL?.trim() ? parsed.error.issues[0].message : "SMTP_URL is not set.");
  // Options ride on the URL's query (nodemailer reads them there); the operator's own win.
  const url = new URL(parsed.data);
  for (const [name, ms] of Object.entries(TIMEOUTS)) if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
  const transport = nodemailer.createTransport(url.toString());
  try {
    await transport.sendMail({ from: env.MAIL_FROM?.trim() || DEFAULT_FROM, to: mail.to, subject: mail.subject, text: mail.text });
  } finally {
    transport.close();
  }
}
