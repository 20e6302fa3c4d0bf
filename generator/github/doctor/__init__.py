"""`cocreate doctor`: the repository's setup on GitHub against what the portal needs."""
