CREATE TABLE "coverage_dirty" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coverage_unit_class" (
	"kind" text NOT NULL,
	"id" integer NOT NULL,
	"key" text NOT NULL,
	"area_id" integer NOT NULL,
	"name" text NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"industry" text,
	"by_rel" integer NOT NULL,
	"by_part" integer NOT NULL,
	"org_id" integer,
	"org_name" text,
	"joint" boolean,
	"has_instructor" boolean NOT NULL,
	"class" text NOT NULL,
	"locs" text[],
	CONSTRAINT "coverage_unit_class_kind_id_pk" PRIMARY KEY("kind","id")
);
--> statement-breakpoint
CREATE INDEX "coverage_unit_class_area_idx" ON "coverage_unit_class" USING btree ("area_id","class","has_instructor");--> statement-breakpoint
CREATE INDEX "coverage_unit_class_page_idx" ON "coverage_unit_class" USING btree ("area_id","key" collate "C");--> statement-breakpoint
CREATE INDEX "coverage_unit_class_locs_idx" ON "coverage_unit_class" USING btree ("kind","id") WHERE "coverage_unit_class"."locs" is not null;