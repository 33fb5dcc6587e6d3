CREATE INDEX "people_initials_idx" ON "people" USING btree (split_part("pinyin", ' ', 2) text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_expert_pinyin_idx" ON "people" USING btree ("pinyin" text_pattern_ops) WHERE "people"."is_expert";--> statement-breakpoint
CREATE INDEX "people_talent_pinyin_idx" ON "people" USING btree ("pinyin" text_pattern_ops) WHERE "people"."is_talent";--> statement-breakpoint
CREATE INDEX "people_flow_pinyin_idx" ON "people" USING btree ("flow","pinyin" text_pattern_ops) WHERE "people"."flow" <> 'none';--> statement-breakpoint
ANALYZE "people";