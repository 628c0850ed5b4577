-- Minutes confirmed in the editor become time entries (F2), the one place time is kept.
INSERT INTO "time_entries" ("ticket_id", "entry_id", "user_id", "minutes", "worked_at", "created_at")
SELECT "ticket_id", "id", "author_user_id", "time_spent_minutes", "created_at", "created_at"
FROM "ticket_entries"
WHERE "time_spent_minutes" > 0 AND "author_user_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_entries" DROP COLUMN "time_spent_minutes";
