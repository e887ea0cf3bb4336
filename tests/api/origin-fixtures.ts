// What the app's origin makes of a request's headers: the URL of a new test inbox and of a new
// invitation, created through the API with those headers (tests/api/app-origin*.test.ts).
import * as inboxes from "@/app/api/v1/inboxes/route";
import * as invitations from "@/app/api/v1/invitations/route";
import { callRoute, expectJson } from "../helpers/http";

/** A token in a URL: 43 base64url characters. */
export const TOKEN = "[A-Za-z0-9_-]{43}";

export const inboxUrl = async (key: string, headers: Record<string, string>) =>
  (await expectJson<{ url: string }>(await callRoute(inboxes.POST, { url: "/api/v1/inboxes", key, headers, body: {} }), 201)).url;

export const invitationUrl = async (key: string, headers: Record<string, string>) =>
  (
    await expectJson<{ url: string }>(
      await callRoute(invitations.POST, { url: "/api/v1/invitations", key, headers, body: { email: `${crypto.randomUUID()}@example.test`, role: "viewer" } }),
      201,
    )
  ).url;
