"""HSDS 3's tabular package: one CSV file per object (services.csv, schedules.csv, ...) with
the one-to-one fields of its schema as columns, and a datapackage.json describing them, in a
.zip. Export flattens the nested JSON export; import checks every row against its file's
schema (errors by file, line and field), puts the services back together and hands them to
the JSON import's checks and writer: all or nothing."""

import csv
import io
import json
import zipfile

from frirum.directory.hsds_export import export_services, taxonomy_objects, taxonomy_term_objects
from frirum.directory.hsds_import import HsdsImportError, check_services, write_services
from frirum.directory.hsds_schema import SchemaError, schema, validate

# (object, file) in the order of HSDS's datapackage.
TABLES = (
    ("organization", "organizations.csv"),
    ("service", "services.csv"),
    ("location", "locations.csv"),
    ("service_at_location", "service_at_location.csv"),
    ("address", "addresses.csv"),
    ("phone", "phones.csv"),
    ("schedule", "schedules.csv"),
    ("service_area", "service_areas.csv"),
    ("language", "languages.csv"),
    ("attribute", "attributes.csv"),
    ("taxonomy", "taxonomies.csv"),
    ("taxonomy_term", "taxonomy_terms.csv"),
)
FILE_OF = dict(TABLES)
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000


def columns(name: str) -> list[str]:
    """The one-to-one fields of an HSDS object: those a CSV file has as columns."""
    return [
        key
        for key, spec in schema(name)["properties"].items()
        if spec.get("type") not in ("array", "object") and "$ref" not in spec
    ]


def _types(name: str) -> dict[str, str]:
    return {key: schema(name)["properties"][key].get("type", "string") for key in columns(name)}


def _tables(services: list[dict]) -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {name: [] for name, _ in TABLES}
    organizations = {}
    for service in services:
        organizations[service["organization"]["id"]] = service["organization"]
        tables["service"].append(service)
        tables["phone"] += service["phones"]
        tables["schedule"] += service["schedules"]
        tables["service_area"] += service["service_areas"]
        tables["language"] += service["languages"]
        tables["attribute"] += service["attributes"]
        for sal in service["service_at_locations"]:
            tables["service_at_location"].append(sal)
            tables["location"].append(sal["location"])
            tables["address"] += sal["location"]["addresses"]
    tables["organization"] = [organizations[k] for k in sorted(organizations)]
    tables["taxonomy"] = taxonomy_objects()
    tables["taxonomy_term"] = taxonomy_term_objects()
    return tables


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def datapackage() -> dict:
    return {
        "name": "frirum-directory",
        "profile": "tabular-data-package",
        "resources": [
            {
                "name": name,
                "path": path,
                "profile": "tabular-data-resource",
                "schema": {"fields": [{"name": c, "type": t} for c, t in _types(name).items()]},
            }
            for name, path in TABLES
        ],
    }


def export_zip(services) -> bytes:
    tables = _tables(export_services(services))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(datapackage(), indent=2))
        for name, path in TABLES:
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            cols = columns(name)
            writer.writerow(cols)
            for row in tables[name]:
                writer.writerow([_cell(row.get(c)) for c in cols])
            archive.writestr(path, out.getvalue())
    return buffer.getvalue()


def _typed(value: str, kind: str):
    """A CSV cell as the JSON value its schema expects; left as text when it is not one, so
    the schema check reports it."""
    if kind in ("number", "integer"):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


def _read(archive: zipfile.ZipFile, name: str, path: str, errors: list) -> list[tuple[int, dict]]:
    try:
        info = archive.getinfo(path)
    except KeyError:
        return []
    if info.file_size > MAX_FILE_BYTES:
        errors.append(SchemaError(path, None, "", "the file is too large"))
        return []
    try:
        text = archive.read(path).decode("utf-8-sig")
    except (UnicodeDecodeError, zipfile.BadZipFile, OSError):
        errors.append(SchemaError(path, None, "", "not UTF-8 text"))
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    known = set(columns(name))
    unknown = [c for c in reader.fieldnames or [] if c not in known]
    if unknown:
        errors.append(SchemaError(path, 1, unknown[0], "not a column of this file"))
        return []
    types = _types(name)
    required = schema(name).get("required", [])
    rows = []
    try:
        for number, raw in enumerate(reader, start=2):
            if number > MAX_ROWS:
                errors.append(SchemaError(path, number, "", "too many lines"))
                break
            row = {k: _typed(v, types[k]) for k, v in raw.items() if k in types and v}
            # An empty cell of a required text column is the empty text, not a missing field.
            for key in required:
                if key not in row and raw.get(key) == "" and types.get(key) == "string":
                    row[key] = ""
            # One-to-many fields are other files: only the row's own fields are checked here.
            row_errors = validate(name, row, file=path, line=number)
            errors += row_errors
            rows.append((number, row))
    except csv.Error as error:
        errors.append(SchemaError(path, reader.line_num, "", f"not CSV: {error}"))
    return rows


def _assemble(tables: dict[str, list[tuple[int, dict]]]) -> tuple[list[dict], list[int]]:
    def by(name, key):
        grouped: dict[str, list[dict]] = {}
        for _, row in tables[name]:
            grouped.setdefault(row.get(key), []).append(row)
        return grouped

    organizations = {row["id"]: row for _, row in tables["organization"]}
    terms = {row["id"]: row for _, row in tables["taxonomy_term"]}
    locations = {row["id"]: row for _, row in tables["location"]}
    addresses = by("address", "location_id")
    phones, schedules = by("phone", "service_id"), by("schedule", "service_id")
    areas, languages = by("service_area", "service_id"), by("language", "service_id")
    attributes, sals = by("attribute", "link_id"), by("service_at_location", "service_id")
    services, lines = [], []
    for line, row in tables["service"]:
        sid = row.get("id")
        service = dict(row)
        if row.get("organization_id") in organizations:
            service["organization"] = organizations[row["organization_id"]]
        service["phones"] = phones.get(sid, [])
        service["schedules"] = schedules.get(sid, [])
        service["service_areas"] = areas.get(sid, [])
        service["languages"] = languages.get(sid, [])
        service["attributes"] = [
            {**a, "taxonomy_term": terms.get(a.get("taxonomy_term_id"), {})}
            for a in attributes.get(sid, [])
        ]
        service["service_at_locations"] = []
        for sal in sals.get(sid, []):
            location = locations.get(sal.get("location_id"))
            if location is not None:
                location = {**location, "addresses": addresses.get(location["id"], [])}
                service["service_at_locations"].append({**sal, "location": location})
        services.append(service)
        lines.append(line)
    return services, lines


def import_zip(raw: bytes) -> int:
    """Check every file and row, then write everything; HsdsImportError lists every problem."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise HsdsImportError([SchemaError("(package)", None, "", "not a .zip file")]) from None
    if "services.csv" not in archive.namelist():
        raise HsdsImportError([SchemaError("services.csv", None, "", "the file is missing")])
    errors: list[SchemaError] = []
    tables = {name: _read(archive, name, path, errors) for name, path in TABLES}
    if errors:
        raise HsdsImportError(errors)
    services, lines = _assemble(tables)
    try:
        parsed = check_services(services, file="services.csv")
    except HsdsImportError as error:
        # Item n of the assembled list is a line of services.csv.
        for problem in error.errors:
            if problem.line is not None and problem.unit == "item":
                object.__setattr__(problem, "line", lines[problem.line - 1])
                object.__setattr__(problem, "unit", "line")
        raise
    return write_services(parsed)
