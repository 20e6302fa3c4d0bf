"""The contest: who may vote and what counts (`rules`), the `tally`, and the `Standings`.

`standings.Standings` is built once per build from the catalog: every stage,
tally, contributor, innovator and insight that the pages, feeds, open data
and the `tally`, `notify` and `verify` commands read. `words` says each
status, stage and reason in the portal's language.
"""
