CREATE TYPE "public"."queue_access_level" AS ENUM('read_own', 'create', 'write', 'delete_own', 'manage');--> statement-breakpoint
ALTER TYPE "public"."user_role" ADD VALUE 'backoffice';--> statement-breakpoint
CREATE TABLE "queue_access" (
	"user_id" integer NOT NULL,
	"queue_id" integer NOT NULL,
	"level" "queue_access_level" NOT NULL,
	CONSTRAINT "queue_access_user_id_queue_id_pk" PRIMARY KEY("user_id","queue_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "can_own_tickets" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "rights" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "queue_access" ADD CONSTRAINT "queue_access_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_access" ADD CONSTRAINT "queue_access_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "queue_access_queue_idx" ON "queue_access" USING btree ("queue_id");--> statement-breakpoint
-- Until now every agent worked every queue: keep it so by making them agents (manage) of each.
INSERT INTO "queue_access" ("user_id", "queue_id", "level")
SELECT u."id", q."id", 'manage' FROM "users" u CROSS JOIN "queues" q WHERE u."role" = 'agent'
ON CONFLICT DO NOTHING;
