-- The ledger's due order (answer_due, id desc) for a department's queue sorted by due date; a township's
-- people page ids first (org_path, pinyin, id); 工作单位 substring search by trigrams (decision 034).
DROP INDEX "problems_open_idx";--> statement-breakpoint
CREATE INDEX "people_org_path_pinyin_idx" ON "people" USING btree ("org_path" text_pattern_ops,"pinyin","id");--> statement-breakpoint
CREATE INDEX "people_employer_trgm_idx" ON "people" USING gin ("employer_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "problems_open_idx" ON "problems" USING btree ("answer_due","id" DESC NULLS FIRST) WHERE "problems"."status" not in ('rated', 'closed');