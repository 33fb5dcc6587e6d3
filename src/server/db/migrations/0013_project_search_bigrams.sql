-- The project search (名称、编号或拼音首字母, a substring match) read every visible row: an index cannot
-- serve '%…%'. Every substring of two or more characters contains all the two-character pieces (bigrams)
-- of itself, so "the row's bigrams contain the query's" is a necessary condition that a GIN index answers;
-- the ILIKE that follows stays the rule. Bigrams, not pg_trgm trigrams: Chinese names are searched with
-- two characters (智能) and pinyin initials are short (zs), and pg_trgm is not in PGlite without loading it.
CREATE FUNCTION xf_bigrams(s text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(s, i, 2)), '{}'::text[]) FROM generate_series(1, length(s) - 1) AS i
$$;
--> statement-breakpoint
CREATE INDEX "projects_search_bigrams_idx" ON "projects" USING gin (xf_bigrams(lower("name" || ' ' || "code" || ' ' || "pinyin")));
