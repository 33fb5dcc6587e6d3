ALTER TABLE "org_setup_tasks" ADD COLUMN "counted_from" date;--> statement-breakpoint
ALTER TABLE "org_setup_tasks" ADD COLUMN "provisional_year" integer;