"""The `cocreate` commands that live in modules of their own; `generator.cli` adds them."""
