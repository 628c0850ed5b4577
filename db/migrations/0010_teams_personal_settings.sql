CREATE TABLE "team_members" (
	"team_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "team_members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "teams_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "ticket_team_watchers" (
	"ticket_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	CONSTRAINT "ticket_team_watchers_ticket_id_team_id_pk" PRIMARY KEY("ticket_id","team_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "out_of_office" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "out_of_office_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "missing_attachment_warning" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_team_watchers" ADD CONSTRAINT "ticket_team_watchers_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_team_watchers" ADD CONSTRAINT "ticket_team_watchers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;