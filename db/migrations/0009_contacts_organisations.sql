-- Trigram indexes for contact and organisation search (K1). pg_trgm is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "contact_emails" (
	"id" serial PRIMARY KEY NOT NULL,
	"contact_id" integer NOT NULL,
	"email" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"customer_number" text,
	"street" text,
	"postal_code" text,
	"city" text,
	"country" text,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_text" text GENERATED ALWAYS AS (coalesce("name", '') || ' ' || coalesce("customer_number", '') || ' ' || coalesce("street", '') || ' ' || coalesce("postal_code", '') || ' ' || coalesce("city", '') || ' ' || coalesce("country", '')) STORED NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "customer_number" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "salutation" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "first_name" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_name" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "company" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "organisation_id" integer;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "mobile" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "customer_class" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "flag" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "flag_note" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "portal_access" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_text" text GENERATED ALWAYS AS (coalesce("name", '') || ' ' || coalesce("first_name", '') || ' ' || coalesce("last_name", '') || ' ' || coalesce("company", '') || ' ' || coalesce("customer_number", '') || ' ' || coalesce("email", '') || ' ' || coalesce("phone", '') || ' ' || coalesce("mobile", '') || ' ' || coalesce("street", '') || ' ' || coalesce("postal_code", '') || ' ' || coalesce("city", '') || ' ' || coalesce("country", '') || ' ' || coalesce("customer_class", '') || ' ' || regexp_replace(coalesce("phone", ''), '[^0-9]', '', 'g') || ' ' || regexp_replace(coalesce("mobile", ''), '[^0-9]', '', 'g')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_emails" ADD CONSTRAINT "contact_emails_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_emails_email_lower_idx" ON "contact_emails" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "contact_emails_one_primary_idx" ON "contact_emails" USING btree ("contact_id") WHERE "contact_emails"."is_primary";--> statement-breakpoint
CREATE INDEX "contact_emails_contact_idx" ON "contact_emails" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "contact_emails_trgm_idx" ON "contact_emails" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_customer_number_idx" ON "organisations" USING btree (lower("customer_number")) WHERE "organisations"."customer_number" is not null;--> statement-breakpoint
CREATE INDEX "organisations_name_idx" ON "organisations" USING btree (lower("name"),"id");--> statement-breakpoint
CREATE INDEX "organisations_search_trgm_idx" ON "organisations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_customer_number_idx" ON "contacts" USING btree (lower("customer_number")) WHERE "contacts"."customer_number" is not null;--> statement-breakpoint
CREATE INDEX "contacts_sort_idx" ON "contacts" USING btree (lower(coalesce("name", "email")),"id");--> statement-breakpoint
CREATE INDEX "contacts_organisation_idx" ON "contacts" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "contacts_search_trgm_idx" ON "contacts" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
-- Every existing contact's address becomes its primary address.
INSERT INTO "contact_emails" ("contact_id", "email", "is_primary", "created_at") SELECT "id", "email", true, "created_at" FROM "contacts";
--> statement-breakpoint
-- A contact's tickets and mails (the contact page, merging, and the foreign-key checks when a merged
-- duplicate is deleted) are found by these. Written by hand: db/schema/tickets.ts is not this change's;
-- whoever next edits it should declare them there with these names and drop them from the generated SQL.
CREATE INDEX IF NOT EXISTS "tickets_contact_idx" ON "tickets" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ticket_entries_author_contact_idx" ON "ticket_entries" USING btree ("author_contact_id") WHERE "author_contact_id" IS NOT NULL;
