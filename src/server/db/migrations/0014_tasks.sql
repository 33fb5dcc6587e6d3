CREATE TABLE "tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"owner_user_id" integer NOT NULL,
	"owner_scope_path" text NOT NULL,
	"status" text NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer,
	"params" jsonb NOT NULL,
	"result_file_key" text,
	"result_file_name" text,
	"result" jsonb,
	"error_zh" text,
	"error_en" text,
	"worker" text,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_owner_idx" ON "tasks" USING btree ("owner_user_id","id");--> statement-breakpoint
CREATE INDEX "tasks_queued_idx" ON "tasks" USING btree ("id") WHERE "tasks"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "tasks_running_idx" ON "tasks" USING btree ("heartbeat_at") WHERE "tasks"."status" = 'running';