"""Import and export of interchange datasets: the only writes of this app."""

from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from frirum.audit.actions import record_audit
from frirum.audit.models import AuditAction
from frirum.interchange.dataset import Dataset, DatasetError, Problem
from frirum.interchange.export import Scope, unexpected_files, write_dataset
from frirum.interchange.loading import DatasetChanged, Loader
from frirum.interchange.models import ImportBatch
from frirum.interchange.validation import Plan, ProgressFactory, Validator


class ImportRefused(Exception):
    """The dataset was not imported; `plan.problems` says why, file, line and column."""

    def __init__(self, plan: Plan):
        super().__init__("\n".join(str(p) for p in plan.problems))
        self.plan = plan


class ExportRefused(Exception):
    pass


def _refused(source_name: str, message: str) -> ImportRefused:
    return ImportRefused(
        Plan(source_name=source_name, problems=[Problem(source_name, None, None, message)])
    )


def check_dataset(
    *, path: str | Path, source_name: str | None = None, progress: ProgressFactory | None = None
) -> Plan:
    """Validates a dataset without writing anything: what it would create, or its problems."""
    try:
        with Dataset(path, source_name) as dataset:
            return Validator(dataset, progress).run()
    except DatasetError as exc:
        raise _refused(source_name or Path(path).name, str(exc)) from exc


def import_dataset(
    *,
    path: str | Path,
    actor=None,
    source_name: str | None = None,
    progress: ProgressFactory | None = None,
) -> ImportBatch:
    """Imports a dataset, all or nothing. Raises ImportRefused and writes nothing on any error."""
    name = source_name or Path(path).name
    try:
        with Dataset(path, source_name) as dataset:
            validator = Validator(dataset, progress)
            plan = validator.run()
            if not plan.ok:
                raise ImportRefused(plan)
            try:
                with transaction.atomic():
                    batch = ImportBatch.objects.create(
                        fingerprint=plan.fingerprint,
                        source_name=name[:300],
                        imported_by=actor if getattr(actor, "is_authenticated", False) else None,
                        counts=plan.counts,
                    )
                    Loader(dataset, plan, validator.lookups, batch, progress).run()
                    record_audit(
                        actor=actor,
                        action=AuditAction.CREATE,
                        instance=batch,
                        after={"source_name": batch.source_name, "counts": plan.counts},
                    )
            except DatasetChanged as exc:
                raise _refused(name, str(exc)) from exc
            except IntegrityError as exc:
                # Only a concurrent import of the same data gets past validation to here.
                raise _refused(
                    name, _("the database refused the data: %(error)s") % {"error": exc}
                ) from exc
    except DatasetError as exc:
        raise _refused(name, str(exc)) from exc
    return batch


def export_dataset(
    *,
    path: str | Path,
    site=None,
    date_from=None,
    date_to=None,
    on_file=None,
) -> dict[str, int]:
    """Writes the database (or one site and/or period) as a dataset folder or .zip."""
    path = Path(path)
    if date_from and date_to and date_from > date_to:
        raise ExportRefused(_("The period ends before it starts."))
    stray = unexpected_files(path)
    if stray:
        raise ExportRefused(
            _("%(path)s holds other files (%(files)s): choose an empty folder.")
            % {"path": path, "files": ", ".join(stray[:5])}
        )
    scope = Scope(site=site, date_from=date_from, date_to=date_to)
    return write_dataset(path, scope, on_file)
