"""The `cocreate` command: `main` declares the group, one module per area adds its commands."""
