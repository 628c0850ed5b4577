CREATE TYPE "public"."speaker" AS ENUM('customer', 'agent');--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "owner_on_first_reply" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "reopen_within_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "last_speaker" "speaker";--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "last_spoke_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "status_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Who spoke last on existing tickets, from their newest customer mail or reply.
UPDATE "tickets" t SET "last_speaker" = (CASE WHEN e."kind" = 'customer_mail' THEN 'customer' ELSE 'agent' END)::"speaker", "last_spoke_at" = e."created_at" FROM (SELECT DISTINCT ON ("ticket_id") "ticket_id", "kind", "created_at" FROM "ticket_entries" WHERE "kind" IN ('customer_mail', 'agent_message') ORDER BY "ticket_id", "created_at" DESC, "id" DESC) e WHERE e."ticket_id" = t."id";
