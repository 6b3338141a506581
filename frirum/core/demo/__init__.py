"""The demo dataset: a realistic network with two years of activity, for `frirum demo`.

Split by concept: network.py (sites), people.py (staff and volunteers), activity.py (young
people's courses), outreach.py, family.py (headspace Family), write.py (bulk inserts),
load.py (load, wipe, logins).
"""
