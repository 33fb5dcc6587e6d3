-- Trigram indexes (next migration) for the problem ledger's text search: '%用地%' cannot use a btree.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it; PGlite loads it on open.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
