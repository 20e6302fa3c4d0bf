"""The portal's files: read strictly, checked across files, written back deterministically.

`loader` reads YAML with line numbers, `catalog` and `reading` load a whole
portal and `checks` check it, `settings` reads mkdocs.yml, `writer` and
`schemas` write, `git` runs Git with a timeout; the rest change files
(`scaffold`, `lifecycle`, `forget`, `ballots`) or read their history
(`ballot_history`, `frozen_rules`).
"""
