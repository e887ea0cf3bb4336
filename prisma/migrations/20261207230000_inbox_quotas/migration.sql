-- Test inbox quotas (docs/delivery.md#test-inbox): each stored request knows its size, so the
-- per-inbox and per-organization byte limits are summed without reading bodies.

-- AlterTable
ALTER TABLE "InboxRequest" ADD COLUMN "bytes" INTEGER NOT NULL DEFAULT 0;

-- Requests stored before: the UTF-8 bytes of the body and of every header name and value, as
-- recordInboxRequest counts them (lib/webhooks/inbox.ts).
UPDATE "InboxRequest" AS r SET "bytes" = octet_length(r."body") + COALESCE((
  SELECT sum(octet_length(h.key) + octet_length(h.value))::integer
    FROM jsonb_each_text(CASE WHEN jsonb_typeof(r."headers") = 'object' THEN r."headers" ELSE '{}'::jsonb END) AS h
), 0);
