"""Validation against Open Referral's published HSDS 3 JSON schemas (vendored in
hsds_schema/, see its README for the licence). `$ref`s between the files name the files
("phone.json"), so they are resolved from the same directory."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).parent / "hsds_schema"
# Errors reported for one file before the rest are left out (all-or-nothing anyway).
MAX_ERRORS = 50


@dataclass(frozen=True)
class SchemaError:
    """One problem, named like the interchange import's: file, line (CSV) or item (JSON),
    field and message."""

    file: str
    line: int | None
    field: str
    message: str
    # "line" in a CSV file; "item" (the position in the list) in a JSON file.
    unit: str = "line"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, {self.unit} {self.line}"
        return f"{where}, {self.field or '(record)'}: {self.message}"


@cache
def _schemas() -> dict[str, dict]:
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in SCHEMA_DIR.glob("*.json")
    }


@cache
def _registry() -> Registry:
    resources = [
        (f"{name}.json", Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in _schemas().items()
    ]
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft202012Validator:
    """The validator of one HSDS object (`service`, `organization`, ...)."""
    return Draft202012Validator(
        _schemas()[name], registry=_registry(), format_checker=FormatChecker()
    )


def schema(name: str) -> dict:
    return _schemas()[name]


def validate(
    name: str, value, *, file: str, line: int | None, unit: str = "line"
) -> list[SchemaError]:
    errors = []
    for error in validator(name).iter_errors(value):
        errors.append(
            SchemaError(
                file=file,
                line=line,
                field="/".join(str(p) for p in error.absolute_path),
                message=error.message[:300],
                unit=unit,
            )
        )
        if len(errors) >= MAX_ERRORS:
            break
    return errors
