"""An issue becomes an idea file: `decision` decides, `run` carries it out."""
