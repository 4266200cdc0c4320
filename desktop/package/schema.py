"""du_lieu.json's format ('so-ke-hoach/bao-cao', version 1;
resources/schemas/du_lieu.schema.json): checked fast, worded when it fails."""

from __future__ import annotations

import json
from functools import cache

import fastjsonschema

import resources

FORMAT, FORMAT_VERSION = "so-ke-hoach/bao-cao", 1


@cache
def _schema() -> dict:
    return json.loads(resources.path("schemas/du_lieu.schema.json").read_text("utf-8"))


@cache
def _fast_check():
    """The schema compiled to Python (fastjsonschema): a verifier checks thousands of
    packages; jsonschema, which words the problems, runs only on one that fails."""
    return fastjsonschema.compile(_schema())


def schema_problems(data: object) -> list[str]:
    """Where `data` departs from the schema ('tasks/3/percent: …'), at most ten."""
    try:
        _fast_check()(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    from jsonschema import Draft7Validator  # only for a package that fails: it words why

    validator = Draft7Validator(_schema())
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.path) or "(gốc)"
        problems.append(f"{where}: {error.message}")
    return problems[:10] or ["không đúng khuôn dữ liệu"]


def encode(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")
