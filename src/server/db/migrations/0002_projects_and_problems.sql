CREATE TABLE "project_contractors" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"firm_unit_id" integer,
	"name" text NOT NULL,
	"role" text DEFAULT 'general' NOT NULL,
	"parent_id" integer,
	"manager_name" text,
	"seq" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_task_forces" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_assignments" (
	"problem_id" integer NOT NULL,
	"no" integer NOT NULL,
	"dept_unit_id" integer NOT NULL,
	"role" text NOT NULL,
	"designated" boolean NOT NULL,
	"round" integer NOT NULL,
	"dispatched_at" timestamp with time zone NOT NULL,
	"sign_due" date,
	"answer_due" date,
	"pending_year" integer,
	"signed_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"status" text NOT NULL,
	"extension_days" integer DEFAULT 0 NOT NULL,
	"extension_pending" boolean DEFAULT false NOT NULL,
	"answer_on_time" boolean,
	"answer_working_days" integer,
	CONSTRAINT "problem_assignments_problem_id_no_pk" PRIMARY KEY("problem_id","no")
);
--> statement-breakpoint
CREATE TABLE "problem_category_sla" (
	"category" text PRIMARY KEY NOT NULL,
	"sign_days" integer NOT NULL,
	"answer_days" integer NOT NULL,
	"feedback_after_answer_days" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "problem_dept_settings" (
	"dept_unit_id" integer PRIMARY KEY NOT NULL,
	"head_user_id" integer,
	"leader_user_id" integer,
	"webhook_kind" text,
	"webhook_url_enc" text,
	"webhook_secret_enc" text,
	"webhook_enabled" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "problem_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"problem_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" integer,
	"actor_name" text NOT NULL,
	"actor_unit_id" integer,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"problem_id" integer,
	"uploaded_by" integer NOT NULL,
	"file" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" serial PRIMARY KEY NOT NULL,
	"client_request_id" text,
	"created_by" integer,
	"source" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"firm_unit_id" integer,
	"project_id" integer,
	"scope_path" text NOT NULL,
	"meeting_id" integer,
	"source_ref" text,
	"raised_at" timestamp with time zone NOT NULL,
	"raised_on" date NOT NULL,
	"status" text NOT NULL,
	"owner_user_id" integer,
	"owner_unit_id" integer,
	"lead_dept_unit_id" integer,
	"round" integer DEFAULT 1 NOT NULL,
	"first_dispatched_at" timestamp with time zone,
	"answer_due" date,
	"feedback_due" date,
	"sla_pending_year" integer,
	"next_reminder_on" date,
	"answered_at" timestamp with time zone,
	"fed_back_at" timestamp with time zone,
	"feedback_on_time" boolean,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"on_time" boolean,
	"late_rounds" integer DEFAULT 0 NOT NULL,
	"rating" text,
	"ratings_total" integer DEFAULT 0 NOT NULL,
	"ratings_satisfied" integer DEFAULT 0 NOT NULL,
	"close_working_days" integer,
	"result_text" text,
	"event_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"dept_unit_id" integer NOT NULL,
	"problem_id" integer,
	"kind" text NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"problem_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_problems" (
	"meeting_id" integer NOT NULL,
	"problem_id" integer NOT NULL,
	CONSTRAINT "meeting_problems_meeting_id_problem_id_pk" PRIMARY KEY("meeting_id","problem_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"place" text,
	"host" text,
	"attendees" jsonb NOT NULL,
	"summary" text,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"kind" text NOT NULL,
	"zh" text NOT NULL,
	"en" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "project_investments" (
	"project_id" integer NOT NULL,
	"month" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "project_investments_project_id_month_pk" PRIMARY KEY("project_id","month")
);
--> statement-breakpoint
CREATE TABLE "project_nodes" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"stage" text,
	"name" text NOT NULL,
	"name_en" text,
	"planned_date" date,
	"expected_date" date,
	"actual_date" date,
	"planned_percent" numeric(5, 1),
	"responsible_name" text,
	"responsible_user_id" integer,
	"responsible_unit_id" integer,
	"evidence" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "project_warning_months" (
	"project_id" integer NOT NULL,
	"month" text NOT NULL,
	"colour" text NOT NULL,
	"worst_colour" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"rules_version" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "project_warning_months_project_id_month_pk" PRIMARY KEY("project_id","month")
);
--> statement-breakpoint
CREATE TABLE "warning_rules" (
	"region_unit_id" integer PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "approval_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"phase" text NOT NULL,
	"seq" integer NOT NULL,
	"department_unit_id" integer,
	"target_days" integer NOT NULL,
	"is_acceptance" boolean DEFAULT false NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_on" date,
	"completed_on" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "dispatch_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"month" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"remarks" text,
	"confirmed_by" integer,
	"confirmed_by_name" text NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "observation_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"half" text NOT NULL,
	"held_on" date NOT NULL,
	"criteria" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "observation_projects" (
	"event_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "observation_projects_event_id_project_id_pk" PRIMARY KEY("event_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "observation_scores" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"scorer_name" text NOT NULL,
	"scores" jsonb NOT NULL,
	"total" numeric(6, 2) NOT NULL,
	"comment" text,
	"entered_by" integer,
	"entered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"visit_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"description" text NOT NULL,
	"responsible_unit_id" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_at" timestamp with time zone,
	"problem_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"quarter" text NOT NULL,
	"group_name" text NOT NULL,
	"visited_on" date NOT NULL,
	"members" text,
	"summary" text,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "chain" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "headquarters" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "progress" numeric(5, 1);--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "progress_on" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "warning_colour" text DEFAULT 'blue' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "warning_rank" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "warning_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "planned_progress" numeric(5, 1);--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "warning_computed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "created_by" integer;--> statement-breakpoint
ALTER TABLE "project_contractors" ADD CONSTRAINT "project_contractors_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_contractors" ADD CONSTRAINT "project_contractors_firm_unit_id_org_units_id_fk" FOREIGN KEY ("firm_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_task_forces" ADD CONSTRAINT "project_task_forces_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_assignments" ADD CONSTRAINT "problem_assignments_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_assignments" ADD CONSTRAINT "problem_assignments_dept_unit_id_org_units_id_fk" FOREIGN KEY ("dept_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_dept_settings" ADD CONSTRAINT "problem_dept_settings_dept_unit_id_org_units_id_fk" FOREIGN KEY ("dept_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_dept_settings" ADD CONSTRAINT "problem_dept_settings_head_user_id_users_id_fk" FOREIGN KEY ("head_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_dept_settings" ADD CONSTRAINT "problem_dept_settings_leader_user_id_users_id_fk" FOREIGN KEY ("leader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_events" ADD CONSTRAINT "problem_events_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_photos" ADD CONSTRAINT "problem_photos_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_photos" ADD CONSTRAINT "problem_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_firm_unit_id_org_units_id_fk" FOREIGN KEY ("firm_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_problems" ADD CONSTRAINT "meeting_problems_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_problems" ADD CONSTRAINT "meeting_problems_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_history" ADD CONSTRAINT "project_history_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_investments" ADD CONSTRAINT "project_investments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_nodes" ADD CONSTRAINT "project_nodes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_nodes" ADD CONSTRAINT "project_nodes_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_nodes" ADD CONSTRAINT "project_nodes_responsible_unit_id_org_units_id_fk" FOREIGN KEY ("responsible_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_warning_months" ADD CONSTRAINT "project_warning_months_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_rules" ADD CONSTRAINT "warning_rules_region_unit_id_org_units_id_fk" FOREIGN KEY ("region_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_items" ADD CONSTRAINT "approval_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_items" ADD CONSTRAINT "approval_items_department_unit_id_org_units_id_fk" FOREIGN KEY ("department_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_reports" ADD CONSTRAINT "dispatch_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_events" ADD CONSTRAINT "observation_events_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_projects" ADD CONSTRAINT "observation_projects_event_id_observation_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."observation_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_projects" ADD CONSTRAINT "observation_projects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_scores" ADD CONSTRAINT "observation_scores_event_id_observation_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."observation_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_scores" ADD CONSTRAINT "observation_scores_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_findings" ADD CONSTRAINT "supervision_findings_visit_id_supervision_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."supervision_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_findings" ADD CONSTRAINT "supervision_findings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_findings" ADD CONSTRAINT "supervision_findings_responsible_unit_id_org_units_id_fk" FOREIGN KEY ("responsible_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_visits" ADD CONSTRAINT "supervision_visits_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_contractors_project_idx" ON "project_contractors" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_contractors_firm_idx" ON "project_contractors" USING btree ("firm_unit_id");--> statement-breakpoint
CREATE INDEX "project_task_forces_project_idx" ON "project_task_forces" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "problem_assignments_dept_idx" ON "problem_assignments" USING btree ("dept_unit_id","status","problem_id");--> statement-breakpoint
CREATE UNIQUE INDEX "problem_events_seq_uq" ON "problem_events" USING btree ("problem_id","seq");--> statement-breakpoint
CREATE INDEX "problem_photos_problem_idx" ON "problem_photos" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "problem_photos_uploader_idx" ON "problem_photos" USING btree ("uploaded_by");--> statement-breakpoint
CREATE UNIQUE INDEX "problems_client_request_uq" ON "problems" USING btree ("created_by","client_request_id");--> statement-breakpoint
CREATE INDEX "problems_scope_idx" ON "problems" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "problems_firm_idx" ON "problems" USING btree ("firm_unit_id");--> statement-breakpoint
CREATE INDEX "problems_project_idx" ON "problems" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "problems_lead_idx" ON "problems" USING btree ("lead_dept_unit_id","status");--> statement-breakpoint
CREATE INDEX "problems_status_idx" ON "problems" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "problems_raised_idx" ON "problems" USING btree ("raised_on");--> statement-breakpoint
CREATE INDEX "problems_owner_idx" ON "problems" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "problems_reminder_idx" ON "problems" USING btree ("next_reminder_on") WHERE "problems"."next_reminder_on" is not null;--> statement-breakpoint
CREATE INDEX "problems_pending_idx" ON "problems" USING btree ("sla_pending_year") WHERE "problems"."sla_pending_year" is not null;--> statement-breakpoint
CREATE INDEX "problems_open_idx" ON "problems" USING btree ("answer_due","id") WHERE "problems"."status" not in ('rated', 'closed');--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_dept_idx" ON "webhook_deliveries" USING btree ("dept_unit_id","id");--> statement-breakpoint
CREATE INDEX "meeting_decisions_meeting_idx" ON "meeting_decisions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_problems_problem_idx" ON "meeting_problems" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "meetings_scope_idx" ON "meetings" USING btree ("scope_path");--> statement-breakpoint
CREATE INDEX "meetings_held_idx" ON "meetings" USING btree ("held_on");--> statement-breakpoint
CREATE INDEX "project_history_project_idx" ON "project_history" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "project_nodes_project_idx" ON "project_nodes" USING btree ("project_id","seq");--> statement-breakpoint
CREATE INDEX "project_nodes_responsible_idx" ON "project_nodes" USING btree ("responsible_user_id");--> statement-breakpoint
CREATE INDEX "project_warning_months_month_idx" ON "project_warning_months" USING btree ("month","colour");--> statement-breakpoint
CREATE INDEX "approval_items_project_idx" ON "approval_items" USING btree ("project_id","seq");--> statement-breakpoint
CREATE INDEX "approval_items_department_idx" ON "approval_items" USING btree ("department_unit_id");--> statement-breakpoint
CREATE INDEX "approval_items_acceptance_idx" ON "approval_items" USING btree ("is_acceptance","completed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "dispatch_reports_project_month_uq" ON "dispatch_reports" USING btree ("project_id","month");--> statement-breakpoint
CREATE INDEX "dispatch_reports_month_idx" ON "dispatch_reports" USING btree ("month");--> statement-breakpoint
CREATE INDEX "observation_events_unit_idx" ON "observation_events" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "observation_scores_uq" ON "observation_scores" USING btree ("event_id","project_id","scorer_name");--> statement-breakpoint
CREATE INDEX "supervision_findings_project_idx" ON "supervision_findings" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "supervision_findings_visit_idx" ON "supervision_findings" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "supervision_visits_unit_idx" ON "supervision_visits" USING btree ("unit_id","quarter");--> statement-breakpoint
CREATE INDEX "projects_region_rank_idx" ON "projects" USING btree ("region_unit_id","warning_rank" DESC NULLS LAST,"code");--> statement-breakpoint
CREATE INDEX "projects_rank_code_idx" ON "projects" USING btree ("warning_rank" DESC NULLS LAST,"code");--> statement-breakpoint
CREATE INDEX "projects_colour_idx" ON "projects" USING btree ("warning_colour");