CREATE INDEX "projects_chain_idx" ON "projects" USING btree ("chain");--> statement-breakpoint
CREATE INDEX "projects_level_idx" ON "projects" USING btree ("level");