"""Disclosure control of the presented reports: what a reader knows (ledger), the attacker's
bounds (solve), suppression until they are wide enough (protect), and the audit over
everything one role can read (audit)."""
