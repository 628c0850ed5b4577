ALTER TYPE "public"."outbox_kind" ADD VALUE 'account';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "invitation_pending" boolean DEFAULT false NOT NULL;