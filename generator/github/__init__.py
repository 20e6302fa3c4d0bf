"""Everything that talks to GitHub; `api` is the only module importing PyGithub.

`forms/` writes the issue forms and reads their answers, `intake/` turns an
issue into an idea file (the decision apart from carrying it out), `votes/`
reads /vote comments and reactions and checks ballot pull requests,
`doctor/` compares the repository's setup with what the portal needs, and
`branches` and `committing` push what the bot writes.
"""
