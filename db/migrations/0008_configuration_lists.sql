CREATE TYPE "public"."field_option_kind" AS ENUM('ticketRole', 'topic', 'brand', 'category', 'severity', 'source', 'serviceContract');--> statement-breakpoint
CREATE TABLE "field_options" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "field_option_kind" NOT NULL,
	"name" text NOT NULL,
	"name_de" text,
	"position" integer DEFAULT 0 NOT NULL,
	"colour" text,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_de" text,
	"position" integer DEFAULT 0 NOT NULL,
	"colour" text DEFAULT '#64748b' NOT NULL,
	CONSTRAINT "status_groups_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "name_de" text;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "group_name" text;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "customers_see_each_other" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "statuses" ADD COLUMN "name_de" text;--> statement-breakpoint
ALTER TABLE "statuses" ADD COLUMN "group_id" integer;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "brand_id" integer;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "category_id" integer;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "severity_id" integer;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "source_id" integer;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "service_contract_id" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "field_options_kind_name_idx" ON "field_options" USING btree ("kind","name");--> statement-breakpoint
ALTER TABLE "statuses" ADD CONSTRAINT "statuses_group_id_status_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."status_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_brand_id_field_options_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."field_options"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_category_id_field_options_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."field_options"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_severity_id_field_options_id_fk" FOREIGN KEY ("severity_id") REFERENCES "public"."field_options"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_source_id_field_options_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."field_options"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_service_contract_id_field_options_id_fk" FOREIGN KEY ("service_contract_id") REFERENCES "public"."field_options"("id") ON DELETE restrict ON UPDATE no action;