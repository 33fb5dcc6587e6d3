CREATE TABLE "coverage_proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"area_unit_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"group_key" text NOT NULL,
	"name" text NOT NULL,
	"units" jsonb NOT NULL,
	"reasons" jsonb NOT NULL,
	"formal_members" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_org_unit_id" integer,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "development_records" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"org_unit_id" integer,
	"applied_on" date,
	"talked_on" date,
	"activist_on" date,
	"candidate_on" date,
	"admitted_on" date,
	"extension_months" integer,
	"extension_reason" text,
	"full_on" date,
	"introducers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_officers" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"role" text NOT NULL,
	"appointed" boolean DEFAULT false NOT NULL,
	"since" date NOT NULL,
	"until" date
);
--> statement-breakpoint
CREATE TABLE "org_setup_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"kind" text DEFAULT 'setup_branch' NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"secretary_person_id" integer,
	"manager_name" text,
	"org_unit_id" integer,
	"done_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_org_coverage" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"target_kind" text NOT NULL,
	"project_id" integer,
	"covered_unit_id" integer,
	"since" date NOT NULL,
	"until" date
);
--> statement-breakpoint
CREATE TABLE "party_orgs" (
	"unit_id" integer PRIMARY KEY NOT NULL,
	"established_on" date,
	"doc_no" text,
	"term_years" integer,
	"term_started_on" date,
	"next_election_on" date,
	"project_id" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"transformed_into" text,
	"closed_on" date,
	"close_reason" text,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"pinyin" text DEFAULT '' NOT NULL,
	"gender" text,
	"birth_date" date,
	"id_enc" text,
	"id_hash" text,
	"id_masked" text,
	"phone_enc" text,
	"phone_hash" text,
	"phone_masked" text,
	"political_status" text DEFAULT 'masses' NOT NULL,
	"relation_org_unit_id" integer,
	"org_path" text,
	"employer_unit_id" integer,
	"employer_name" text,
	"project_id" integer,
	"job" text,
	"home_unit_id" integer,
	"is_worker" boolean DEFAULT false NOT NULL,
	"is_talent" boolean DEFAULT false NOT NULL,
	"is_expert" boolean DEFAULT false NOT NULL,
	"flow" text DEFAULT 'none' NOT NULL,
	"flow_since" date,
	"flow_place" text,
	"flow_certificate" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"text" jsonb NOT NULL,
	"data" jsonb,
	"by_user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_participations" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"role" text DEFAULT 'participant' NOT NULL,
	"since" date NOT NULL,
	"until" date
);
--> statement-breakpoint
CREATE TABLE "relation_transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"from_org_unit_id" integer,
	"to_org_unit_id" integer,
	"to_org_name" text,
	"letter_no" text,
	"issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"decided_on" date,
	"reason" text,
	"issued_by" integer,
	"decided_by" integer,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coverage_proposals" ADD CONSTRAINT "coverage_proposals_area_unit_id_org_units_id_fk" FOREIGN KEY ("area_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_proposals" ADD CONSTRAINT "coverage_proposals_created_org_unit_id_org_units_id_fk" FOREIGN KEY ("created_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_proposals" ADD CONSTRAINT "coverage_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_records" ADD CONSTRAINT "development_records_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_records" ADD CONSTRAINT "development_records_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_officers" ADD CONSTRAINT "org_officers_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_officers" ADD CONSTRAINT "org_officers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_setup_tasks" ADD CONSTRAINT "org_setup_tasks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_setup_tasks" ADD CONSTRAINT "org_setup_tasks_secretary_person_id_people_id_fk" FOREIGN KEY ("secretary_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_setup_tasks" ADD CONSTRAINT "org_setup_tasks_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org_coverage" ADD CONSTRAINT "party_org_coverage_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org_coverage" ADD CONSTRAINT "party_org_coverage_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org_coverage" ADD CONSTRAINT "party_org_coverage_covered_unit_id_org_units_id_fk" FOREIGN KEY ("covered_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_relation_org_unit_id_org_units_id_fk" FOREIGN KEY ("relation_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_employer_unit_id_org_units_id_fk" FOREIGN KEY ("employer_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_home_unit_id_org_units_id_fk" FOREIGN KEY ("home_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_events" ADD CONSTRAINT "person_events_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_events" ADD CONSTRAINT "person_events_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_participations" ADD CONSTRAINT "person_participations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_participations" ADD CONSTRAINT "person_participations_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_transfers" ADD CONSTRAINT "relation_transfers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_transfers" ADD CONSTRAINT "relation_transfers_from_org_unit_id_org_units_id_fk" FOREIGN KEY ("from_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_transfers" ADD CONSTRAINT "relation_transfers_to_org_unit_id_org_units_id_fk" FOREIGN KEY ("to_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_transfers" ADD CONSTRAINT "relation_transfers_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_transfers" ADD CONSTRAINT "relation_transfers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coverage_proposals_area_idx" ON "coverage_proposals" USING btree ("area_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "coverage_proposals_key_idx" ON "coverage_proposals" USING btree ("group_key");--> statement-breakpoint
CREATE INDEX "org_officers_org_idx" ON "org_officers" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "org_officers_person_idx" ON "org_officers" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_setup_tasks_project_uq" ON "org_setup_tasks" USING btree ("project_id","kind");--> statement-breakpoint
CREATE INDEX "party_org_coverage_org_idx" ON "party_org_coverage" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "party_org_coverage_project_idx" ON "party_org_coverage" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "party_org_coverage_unit_idx" ON "party_org_coverage" USING btree ("covered_unit_id");--> statement-breakpoint
CREATE INDEX "people_org_path_idx" ON "people" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_relation_idx" ON "people" USING btree ("relation_org_unit_id");--> statement-breakpoint
CREATE INDEX "people_employer_idx" ON "people" USING btree ("employer_unit_id");--> statement-breakpoint
CREATE INDEX "people_project_idx" ON "people" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "people_status_idx" ON "people" USING btree ("political_status");--> statement-breakpoint
CREATE INDEX "people_pinyin_idx" ON "people" USING btree ("pinyin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "people_id_hash_uq" ON "people" USING btree ("id_hash");--> statement-breakpoint
CREATE INDEX "people_phone_hash_idx" ON "people" USING btree ("phone_hash");--> statement-breakpoint
CREATE INDEX "person_events_person_idx" ON "person_events" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_participations_person_idx" ON "person_participations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_participations_org_idx" ON "person_participations" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "relation_transfers_person_idx" ON "relation_transfers" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "relation_transfers_to_idx" ON "relation_transfers" USING btree ("to_org_unit_id");--> statement-breakpoint
CREATE INDEX "relation_transfers_status_idx" ON "relation_transfers" USING btree ("status");