"""Free-text search over measures and status narratives, with Norwegian stemming.

Read with `selectors.search_measures`; the import services call `services.reindex_plan_slugs`,
saving a StatusEntry or Measure reindexes it (signals), `tiltak manage search_reindex` rebuilds
by hand, and a search on an empty index with entries in the database builds it first.
See README.md in this folder.
"""
