"""The issue forms: `render` writes them, `answers` reads what people filled in."""
