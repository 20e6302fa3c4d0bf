"""Cocreate: an open innovation portal that lives in a Git repository.

The pipeline, in reading order: `loader` reads YAML strictly, `models` declare
each file type, `catalog` loads a whole portal and checks it across files,
`stages` derives where each challenge stands, `writer` writes YAML back
deterministically, `cli` is the `cocreate` command and `mkdocs_plugin` is the
only module that imports mkdocs.
"""
