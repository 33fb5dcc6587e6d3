CREATE TABLE "backup_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"slot" text,
	"trigger" text NOT NULL,
	"started_by" integer,
	"started_by_name" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text NOT NULL,
	"db_kind" text NOT NULL,
	"file_name" text,
	"size_bytes" bigint,
	"sha256" text,
	"error" text,
	"manifest" jsonb,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "backup_runs_slot_idx" ON "backup_runs" USING btree ("slot");--> statement-breakpoint
CREATE INDEX "backup_runs_started_idx" ON "backup_runs" USING btree ("started_at");