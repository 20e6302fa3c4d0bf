"""JSON Schemas for the data files, so editors can check them as people type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from generator.models import Ballot, Challenge, Discussion, Idea, Scorecard

SCHEMA_DIR = Path("content/schemas")
SCHEMAS: dict[str, type[BaseModel]] = {
    "challenge": Challenge,
    "idea": Idea,
    "ballot": Ballot,
    "scorecard": Scorecard,
    "comments": Discussion,
}


def schema_text(model: type[BaseModel], name: str,
                mode: Literal["validation", "serialization"] = "validation") -> str:
    """A model's JSON Schema as stable, human-diffable JSON text, named `<name>.schema.json`.

    `validation` describes what the model reads (the data files); `serialization` what it
    writes (the open data).
    """
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        **model.model_json_schema(mode=mode),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def render_schema(name: str) -> str:
    """The schema of one file type."""
    return schema_text(SCHEMAS[name], name)


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        file = folder / f"{name}.schema.json"
        file.write_text(render_schema(name), encoding="utf-8")
        written.append(file)
    return written


def schema_pointer(name: str, depth: int) -> str:
    """The relative `$schema=` path from a file `depth` folders below the portal root."""
    return "../" * depth + f"{SCHEMA_DIR.as_posix()}/{name}.schema.json"
