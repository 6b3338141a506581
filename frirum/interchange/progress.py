"""A plain-text progress bar on a terminal, per file, by bytes read and rows seen."""

import sys
import time
from collections.abc import Callable
from typing import TextIO

WIDTH = 30


class TerminalProgress:
    """Call with (file name, phase, size in bytes) to get the callback for that file."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self._open = False
        self._started = time.monotonic()

    @classmethod
    def for_terminal(cls, stream: TextIO | None = None) -> "TerminalProgress | None":
        stream = stream or sys.stderr
        isatty = getattr(stream, "isatty", None)
        return cls(stream) if isatty is not None and isatty() else None

    def __call__(self, name: str, phase: str, size: int) -> Callable[[int, int], None]:
        self.close()
        started = time.monotonic()

        def update(rows: int, done: int) -> None:
            fraction = min(1.0, done / size) if size else 1.0
            filled = int(fraction * WIDTH)
            elapsed = max(time.monotonic() - started, 1e-6)
            self.stream.write(
                f"\r{phase:<10} {name:<26} [{'#' * filled}{'.' * (WIDTH - filled)}] "
                f"{fraction:>4.0%} {rows:>10,} rows {rows / elapsed:>9,.0f}/s"
            )
            self.stream.flush()
            self._open = True

        update(0, 0)
        return update

    def close(self) -> None:
        if self._open:
            self.stream.write("\n")
            self.stream.flush()
            self._open = False
