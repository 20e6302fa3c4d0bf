"""The site: the mkdocs plugin (`plugin`, the only module that imports mkdocs) and
what it adds — the pages (`pages`, `environment`, `templates/`), Atom `feeds`, the
`opendata`, the insights' `charts` (inline SVG, `drawing`), people's text (`usertext`)
and the `csp`."""
