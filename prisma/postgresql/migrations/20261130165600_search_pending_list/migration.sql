-- Message search (issue 20): bound the trigram index's pending list. With GIN's fast update (the
-- default), new rows wait in a pending list that every search reads in full, up to
-- gin_pending_list_limit (4 MB by default): up to ~4 MB of trigram entries scanned per search, a
-- cost that depended on when the list was last merged (docs/BENCHMARKS.md, "Message search",
-- round 3). At 256 kB the list is merged sooner in smaller steps; single-row inserts (the send
-- path) measured the same. Prisma cannot declare an index storage parameter: the migration test
-- (tests/integration/migrations.test.ts) lists it as a deliberate difference.
ALTER INDEX "Message_searchText_idx" SET (gin_pending_list_limit = 256);
-- What is pending now is merged at once.
SELECT gin_clean_pending_list('"Message_searchText_idx"');
