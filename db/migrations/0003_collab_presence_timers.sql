CREATE TABLE "ticket_viewers" (
	"ticket_id" integer NOT NULL,
	"socket_id" text NOT NULL,
	"user_id" integer NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_viewers_ticket_id_socket_id_pk" PRIMARY KEY("ticket_id","socket_id")
);
--> statement-breakpoint
ALTER TABLE "ticket_entries" ADD COLUMN "time_spent_minutes" integer;--> statement-breakpoint
ALTER TABLE "ticket_locks" ADD COLUMN "timer_ms" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_locks" ADD COLUMN "timer_running_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ticket_viewers" ADD CONSTRAINT "ticket_viewers_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_viewers" ADD CONSTRAINT "ticket_viewers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_viewers_socket_idx" ON "ticket_viewers" USING btree ("socket_id");