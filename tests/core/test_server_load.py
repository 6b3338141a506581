"""`frirum serve` loads the app once in the master and hides it from the collector before
the workers fork."""

import gc

from django.test import SimpleTestCase

from frirum.core.server import FrirumServer


class ServerLoadTestCase(SimpleTestCase):
    def test_it_freezes_what_the_app_loaded_before_the_fork(self):
        gc.unfreeze()
        self.addCleanup(gc.unfreeze)
        server = FrirumServer.__new__(FrirumServer)  # load() alone: no arbiter, no socket
        application = server.load()
        self.assertIsNotNone(application)
        # Every module, model and URL pattern loaded so far; a worker's full collections
        # walk only what its requests made.
        self.assertGreater(gc.get_freeze_count(), 10_000)
