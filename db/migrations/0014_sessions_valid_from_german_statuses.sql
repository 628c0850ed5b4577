ALTER TABLE "users" ADD COLUMN "sessions_valid_from" timestamp with time zone;--> statement-breakpoint
-- The default statuses get their German names where an admin has not named them yet.
UPDATE "statuses" SET "name_de" = CASE "name"
  WHEN 'New' THEN 'Neu'
  WHEN 'Open' THEN 'Offen'
  WHEN 'Waiting for customer' THEN 'Warten auf Kunde'
  WHEN 'Solved' THEN 'Gelöst'
  WHEN 'Closed' THEN 'Geschlossen'
END
WHERE "name_de" IS NULL AND "name" IN ('New', 'Open', 'Waiting for customer', 'Solved', 'Closed');
