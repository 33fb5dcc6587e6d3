CREATE TABLE "problem_category_routes" (
	"category" text PRIMARY KEY NOT NULL,
	"dept_unit_id" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
ALTER TABLE "problem_category_routes" ADD CONSTRAINT "problem_category_routes_dept_unit_id_org_units_id_fk" FOREIGN KEY ("dept_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;