import io

from frirum.interchange.actions import import_dataset
from frirum.interchange.progress import TerminalProgress
from tests.base import BaseTestCase
from tests.interchange.helpers import DATA


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class ProgressTestCase(BaseTestCase):
    def test_it_draws_a_bar_per_file_on_a_terminal(self):
        terminal = FakeTerminal()
        progress = TerminalProgress.for_terminal(terminal)
        import_dataset(path=DATA / "valid", progress=progress)
        progress.close()
        text = terminal.getvalue()
        self.assertIn("contacts.csv", text)
        self.assertIn("100%", text)
        self.assertIn("4 rows", text.replace("  ", " "))

    def test_it_stays_quiet_when_not_on_a_terminal(self):
        self.assertIsNone(TerminalProgress.for_terminal(io.StringIO()))
