"""Reading a dataset: a folder or a .zip of CSV files, streamed row by row with line numbers."""

import codecs
import csv
import hashlib
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from frirum.interchange.format import FILES_BY_NAME


class DatasetError(Exception):
    """The dataset cannot be read at all (not a folder or zip, unreadable archive)."""


class UnreadableRow(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One error in a dataset, located as a text editor shows it (the header is line 1)."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return _("%(file)s: %(message)s") % {"file": self.file, "message": self.message}
        if self.column is None:
            return _("%(file)s line %(line)s: %(message)s") % {
                "file": self.file,
                "line": self.line,
                "message": self.message,
            }
        return _("%(file)s line %(line)s column %(column)s: %(message)s") % {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class _CountingReader(io.RawIOBase):
    """Counts the bytes read from a binary stream, for the progress bar."""

    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


class _ZipMemberReader(io.RawIOBase):
    """A zip member's bytes, counted as they are decompressed and stopped at the limits.

    The sizes in a zip's directory are the zip's own claim; what is counted here is what the
    decompressor really produces, so a zip bomb is stopped after the limit, not after memory
    or disk have filled.
    """

    def __init__(self, raw, name: str, allowed: int, limits: "ZipLimits"):
        self.raw = raw
        self.name = name
        self.allowed = allowed
        self.limits = limits
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            data = self.raw.read(len(buffer))
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise DatasetError(
                _("%(file)s in the .zip file is damaged and cannot be read.") % {"file": self.name}
            ) from exc
        n = len(data)
        self.count += n
        if self.count > self.allowed:
            raise DatasetError(self.limits.refusal(self.name))
        buffer[:n] = data
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


@dataclass(frozen=True)
class ZipLimits:
    """How much a .zip may unpack to, in all and relative to its compressed size."""

    max_total: int
    max_ratio: int
    # Small files are never refused for their ratio: a tiny header-only file compresses well.
    ratio_floor: int = 1 << 20

    @classmethod
    def from_settings(cls) -> "ZipLimits":
        return cls(
            max_total=settings.FRIRUM_IMPORT_MAX_UNCOMPRESSED_MB * 1024 * 1024,
            max_ratio=settings.FRIRUM_IMPORT_MAX_RATIO,
        )

    def allowed(self, info: zipfile.ZipInfo) -> int:
        """The most bytes the member may unpack to: its stated size, within both limits."""
        by_ratio = max(self.ratio_floor, info.compress_size * self.max_ratio)
        return min(info.file_size, by_ratio, self.max_total)

    def refusal(self, name: str) -> str:
        return _(
            "%(file)s unpacks to more than the import allows (at most %(total)s MB in all, "
            "and at most %(ratio)s times its packed size); split the dataset or ask for "
            "the limit to be raised."
        ) % {"file": name, "total": self.max_total // (1024 * 1024), "ratio": self.max_ratio}


def max_line_bytes() -> int:
    return settings.FRIRUM_IMPORT_MAX_LINE_KB * 1024


def _ignored(name: str) -> bool:
    # Operating-system clutter that zip tools and file managers add; not part of a dataset.
    parts = name.split("/")
    return any(part.startswith(".") or part == "__MACOSX" for part in parts if part)


class Dataset:
    """The files of one dataset, whatever they are packed in. Use as a context manager."""

    def __init__(self, path: str | Path, display_name: str | None = None):
        self.path = Path(path)
        self.display_name = display_name or self.path.name
        self._zip: zipfile.ZipFile | None = None
        # file name -> (opener of a binary stream, size in bytes)
        self.files: dict[str, tuple[Callable, int]] = {}
        self.unknown: list[str] = []

    def __enter__(self) -> "Dataset":
        if self.path.is_dir():
            self._scan_folder()
        elif self.path.is_file() and zipfile.is_zipfile(self.path):
            self._scan_zip()
        elif self.path.exists():
            # The name the user knows, never the server's path (an upload waits under a
            # random name in the data folder).
            raise DatasetError(
                _("%(path)s is neither a folder nor a .zip file.") % {"path": self.display_name}
            )
        else:
            raise DatasetError(_("%(path)s does not exist.") % {"path": self.display_name})
        return self

    def __exit__(self, *exc) -> None:
        if self._zip is not None:
            self._zip.close()

    def _scan_folder(self) -> None:
        for entry in sorted(self.path.iterdir()):
            if _ignored(entry.name):
                continue
            if entry.is_file() and entry.name in FILES_BY_NAME:
                self.files[entry.name] = (lambda p=entry: p.open("rb"), entry.stat().st_size)
            else:
                self.unknown.append(entry.name)

    def _scan_zip(self) -> None:
        try:
            self._zip = zipfile.ZipFile(self.path)
            infos = [i for i in self._zip.infolist() if not i.is_dir() and not _ignored(i.filename)]
        except (zipfile.BadZipFile, OSError) as exc:
            # Not the exception's text: an OSError names the server's path.
            raise DatasetError(
                _("The .zip file cannot be read: it is damaged or not a .zip file.")
            ) from exc
        limits = ZipLimits.from_settings()
        # What the zip says about itself, checked first; the readers check what really comes.
        if sum(i.file_size for i in infos) > limits.max_total:
            raise DatasetError(limits.refusal(self.display_name))
        for info in infos:
            if info.file_size > limits.allowed(info):
                raise DatasetError(limits.refusal(info.filename))
        # A zip holds the files at its root or in one folder (a zipped dataset folder).
        folders = {i.filename.rsplit("/", 1)[0] if "/" in i.filename else "" for i in infos}
        prefix = ""
        if len(folders) == 1 and "" not in folders:
            (folder,) = folders
            if "/" not in folder:
                prefix = folder + "/"
        for info in sorted(infos, key=lambda i: i.filename):
            name = info.filename[len(prefix) :]
            if name in FILES_BY_NAME:
                self.files[name] = (
                    lambda i=info, n=name: self._open_member(i, n, limits),
                    info.file_size,
                )
            else:
                self.unknown.append(info.filename)

    def _open_member(self, info: zipfile.ZipInfo, name: str, limits: ZipLimits):
        try:
            raw = self._zip.open(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise DatasetError(
                _("%(file)s in the .zip file is damaged and cannot be read.") % {"file": name}
            ) from exc
        return _ZipMemberReader(raw, name, limits.allowed(info), limits)

    def fingerprint(self) -> str:
        """sha256 over every file's name and bytes: the same dataset gives the same value."""
        digest = hashlib.sha256()
        for name in sorted(self.files):
            digest.update(name.encode() + b"\0")
            with self.files[name][0]() as stream:
                for block in iter(lambda s=stream: s.read(1 << 20), b""):
                    digest.update(block)
            digest.update(b"\0")
        return digest.hexdigest()

    def size(self, name: str) -> int:
        return self.files[name][1]

    def rows(
        self, name: str, on_progress: Callable[[int, int], None] | None = None
    ) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) for every row, the header first (line 1).

        Blank lines are skipped. Bytes that are not UTF-8 or broken quoting raise
        UnreadableRow with the line where reading stopped.
        """
        opener, _size = self.files[name]
        with opener() as raw:
            counter = _CountingReader(raw)
            buffered = io.BufferedReader(counter, 1 << 16)
            state = {"line": 0}

            limit = max_line_bytes()

            def lines():
                # Decoding line by line puts a bad byte on the line it is on. A line is read
                # up to the limit only: one endless line must not fill the memory.
                number = 0
                while data := buffered.readline(limit + 1):
                    number += 1
                    state["line"] = number
                    if len(data) > limit and not data.endswith(b"\n"):
                        raise UnreadableRow(
                            number,
                            _("the line is longer than %(kb)s KB; a line of the format is short")
                            % {"kb": limit // 1024},
                        )
                    if number == 1 and data.startswith(codecs.BOM_UTF8):
                        data = data[len(codecs.BOM_UTF8) :]
                    yield data.decode("utf-8")

            text = lines()
            reader = csv.reader(text, strict=True)
            previous = 0
            n = 0
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except UnicodeDecodeError as exc:
                    raise UnreadableRow(
                        state["line"],
                        _("the file is not UTF-8 text (%(error)s)") % {"error": exc.reason},
                    ) from exc
                except csv.Error as exc:
                    raise UnreadableRow(
                        previous + 1, _("malformed CSV (%(error)s)") % {"error": exc}
                    ) from exc
                line = previous + 1
                previous = reader.line_num
                if not cells:
                    continue
                yield line, cells
                n += 1
                if on_progress is not None and n % 10000 == 0:
                    on_progress(n, counter.count)
            if on_progress is not None:
                on_progress(n, counter.count)
