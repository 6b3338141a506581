"""Looking back: stored free text and pseudonyms that the current anonymity guard refuses.

The guard (frirum.lib.anonymity) grows stricter over time; text stored before a rule existed
is found here, by `frirum anonymity-scan` and by a chief's review page, and cleared there.
"""
