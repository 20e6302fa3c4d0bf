"""Votes cast on GitHub: /vote comments, reactions, and the checks on ballot pull requests."""
