"""Cocreate: an open innovation portal that lives in a Git repository.

The folders are the pipeline, in order; each imports only those before it
(the `layers` contract in pyproject.toml, checked by tests/test_layers.py):

    models/   one declared model per file type, and the stage a timeline is in
    portal/   reading, checking and writing the portal's files; Git; settings
    contest/  the rules, the tally and the `Standings` every output reads
    site/     the mkdocs plugin (the only module importing mkdocs), pages, feeds, open data
    github/   GitHub: the API (the only place importing PyGithub), issue forms, intake, votes
    cli/      the `cocreate` command, one module per area

`i18n` stays at the top because every layer, the models included, speaks
the portal's language through it.
"""
