"""The writing pass: read the validated files again and insert their rows in bulk.

Runs inside the caller's transaction. Ids of new rows are read back a batch at a time
(`id > last id` of this import batch), so many-to-many rows can follow their owners without
a query per row.
"""

from collections.abc import Callable, Iterator

from django.db import models
from django.utils.translation import gettext as _

from frirum.contacts.models import Contact, Outreach
from frirum.family.models import FamilyConversation, Relative, RelativeInquiry
from frirum.interchange import format as fmt
from frirum.interchange.bulk import BATCH_SIZE, BulkInserter
from frirum.interchange.dataset import Dataset
from frirum.interchange.models import ImportBatch
from frirum.interchange.parsing import Lookups, Problems, TooManyProblems
from frirum.interchange.validation import Plan, ProgressFactory, read_records
from frirum.people.models import Youth
from frirum.questionnaires.models import Response
from frirum.sites.models import Site


class DatasetChanged(Exception):
    """The files no longer pass the checks they passed a moment ago."""


def _batches(iterator, size: int = BATCH_SIZE) -> Iterator[list]:
    batch = []
    for item in iterator:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Loader:
    def __init__(
        self,
        dataset: Dataset,
        plan: Plan,
        lookups: Lookups,
        batch: ImportBatch,
        progress: ProgressFactory | None = None,
    ):
        self.dataset = dataset
        self.plan = plan
        self.lookups = lookups
        self.batch = batch
        self.progress = progress
        self.site_ids: dict[str, int] = dict(plan.existing_site_ids)
        self.youth_ids: dict[str, int] = dict(plan.existing_youth_ids)
        self.relative_ids: dict[str, int] = dict(plan.existing_relative_ids)
        self.contact_ids: dict[str, int] = {}

    def records(self, spec: fmt.FileSpec) -> Iterator[dict]:
        if spec.name not in self.dataset.files:
            return
        problems = Problems(limit=1)
        on_progress = None
        if self.progress is not None:
            on_progress = self.progress(spec.name, _("importing"), self.dataset.size(spec.name))
        try:
            for _line, record in read_records(
                self.dataset, spec, self.lookups, problems, on_progress
            ):
                yield record
        except TooManyProblems:
            raise DatasetChanged(str(problems.items[0])) from None

    def run(self) -> None:
        self._sites()
        self._youth()
        self._relatives()
        self._contacts()
        self._outreach()
        self._responses()
        self._family_conversations()
        self._inquiries()

    def _new_ids(self, model: type[models.Model], after: int) -> tuple[dict[str, int], int]:
        """code -> id of this import's rows of `model` inserted after id `after`."""
        rows = (
            model.objects.filter(import_batch=self.batch, id__gt=after)
            .order_by()
            .values_list("code", "id")
        )
        found = dict(rows)
        return found, max(found.values(), default=after)

    def _sites(self) -> None:
        new = [r for r in self.records(fmt.SITES) if r["code"] not in self.site_ids]
        for record in new:
            site = Site.objects.create(
                code=record["code"],
                name=record["name"],
                kind=record["kind"],
                municipality_id=record["municipality_id"],
                opened_on=record["opened_on"],
            )
            self.site_ids[site.code] = site.id
        # Hubs afterwards: a satellite may come before its centre in the file.
        for record in new:
            if record["hub_code"]:
                Site.objects.filter(id=self.site_ids[record["code"]]).update(
                    hub_id=self.site_ids[record["hub_code"]]
                )

    def _simple(self, model, fields: list[str], spec: fmt.FileSpec, to_row: Callable) -> int:
        inserter = BulkInserter(model, [*fields, "import_batch_id"])
        batch_id = self.batch.id
        return inserter.insert((*to_row(r), batch_id) for r in self.records(spec))

    def _youth(self) -> None:
        self._simple(
            Youth,
            ["code", "gender", "residence_municipality_id"],
            fmt.YOUTH,
            lambda r: (r["code"], r["gender"], r["municipality_id"]),
        )
        found, _last = self._new_ids(Youth, 0)
        self.youth_ids.update(found)

    def _relatives(self) -> None:
        self._simple(
            Relative,
            ["code", "relation_id"],
            fmt.RELATIVES,
            lambda r: (r["code"], r["relation_id"]),
        )
        found, _last = self._new_ids(Relative, 0)
        self.relative_ids.update(found)

    def _contacts(self) -> None:
        inserter = BulkInserter(
            Contact,
            [
                "code",
                "youth_id",
                "site_id",
                "date",
                "kind",
                "channel",
                "age",
                "education_status",
                "dropout_risk",
                "duration_minutes",
                "relative_present_id",
                "bridged",
                "import_batch_id",
            ],
        )
        m2m = {
            "themes": BulkInserter(Contact.themes.through, ["contact_id", "term_id"]),
            "methods": BulkInserter(Contact.bridging_methods.through, ["contact_id", "term_id"]),
            "destinations": BulkInserter(
                Contact.bridging_destinations.through, ["contact_id", "term_id"]
            ),
        }
        youth_ids, site_ids, batch_id = self.youth_ids, self.site_ids, self.batch.id
        last = 0
        for batch in _batches(self.records(fmt.CONTACTS)):
            inserter.insert(
                (
                    r["code"],
                    youth_ids[r["youth_code"]],
                    site_ids[r["site_code"]],
                    r["date"],
                    r["kind"],
                    r["channel"],
                    r["age"],
                    r["education_status"],
                    r["dropout_risk"],
                    r["duration_minutes"],
                    r["relative_present_id"],
                    r["bridged"],
                    batch_id,
                )
                for r in batch
            )
            found, last = self._new_ids(Contact, last)
            self.contact_ids.update(found)
            for key, through in m2m.items():
                through.insert((found[r["code"]], t) for r in batch for t in r[key])

    def _outreach(self) -> None:
        site_ids = self.site_ids
        self._simple(
            Outreach,
            ["code", "site_id", "date", "kind", "short_contacts"],
            fmt.OUTREACH,
            lambda r: (
                r["code"],
                site_ids[r["site_code"]],
                r["date"],
                r["kind"],
                r["short_contacts"],
            ),
        )

    def _responses(self) -> None:
        inserter = BulkInserter(
            Response, ["contact_id", "instrument_id", "item_id", "item_code", "value"]
        )
        contact_ids = self.contact_ids
        inserter.insert(
            (contact_ids[code], instrument_id, item_id, item_code, value)
            for code, instrument_id, item_id, item_code, value in self.records(fmt.RESPONSES)
        )

    def _family_conversations(self) -> None:
        inserter = BulkInserter(
            FamilyConversation,
            [
                "code",
                "site_id",
                "date",
                "kind",
                "channel",
                "peer_volunteer_present",
                "bridged",
                "bridged_for",
                "import_batch_id",
            ],
        )
        m2m = {
            "relatives": (
                BulkInserter(
                    FamilyConversation.relatives.through, ["familyconversation_id", "relative_id"]
                ),
                self.relative_ids,
            ),
            "themes": (
                BulkInserter(
                    FamilyConversation.themes.through, ["familyconversation_id", "term_id"]
                ),
                None,
            ),
            "methods": (
                BulkInserter(
                    FamilyConversation.bridging_methods.through,
                    ["familyconversation_id", "term_id"],
                ),
                None,
            ),
            "destinations": (
                BulkInserter(
                    FamilyConversation.bridging_destinations.through,
                    ["familyconversation_id", "term_id"],
                ),
                None,
            ),
        }
        site_ids, batch_id = self.site_ids, self.batch.id
        last = 0
        for batch in _batches(self.records(fmt.FAMILY_CONVERSATIONS)):
            inserter.insert(
                (
                    r["code"],
                    site_ids[r["site_code"]],
                    r["date"],
                    r["kind"],
                    r["channel"],
                    r["peer_volunteer"],
                    r["bridged"],
                    r["bridged_for"],
                    batch_id,
                )
                for r in batch
            )
            found, last = self._new_ids(FamilyConversation, last)
            for key, (through, ids) in m2m.items():
                source = "relative_codes" if key == "relatives" else key
                through.insert(
                    (found[r["code"]], ids[v] if ids is not None else v)
                    for r in batch
                    for v in r[source]
                )

    def _inquiries(self) -> None:
        site_ids = self.site_ids
        self._simple(
            RelativeInquiry,
            ["code", "site_id", "date", "relation_id", "reason"],
            fmt.RELATIVE_INQUIRIES,
            lambda r: (
                r["code"],
                site_ids[r["site_code"]],
                r["date"],
                r["relation_id"],
                r["reason"],
            ),
        )
