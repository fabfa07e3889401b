"""Free-text search over measures and status narratives, with Norwegian stemming.

Read with `selectors.search_measures`; the plans an import changed are reindexed when it
sends `plans_changed`, saving a StatusEntry or Measure reindexes it (signals),
`tiltak manage search_reindex` rebuilds by hand, and a search on an empty index with entries in
the database builds it first.
See README.md in this folder.
"""
