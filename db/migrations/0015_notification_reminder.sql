ALTER TABLE "notifications" ADD COLUMN "reminder_id" integer;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_reminder_id_reminders_id_fk" FOREIGN KEY ("reminder_id") REFERENCES "public"."reminders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Alarms written before: their reminder fired in the same transaction, at the same now().
UPDATE "notifications" AS n SET "reminder_id" = r."id"
FROM "reminders" AS r
WHERE n."kind" = 'alarm' AND n."reminder_id" IS NULL
  AND r."ticket_id" = n."ticket_id" AND r."user_id" = n."user_id" AND r."fired_at" = n."created_at";
