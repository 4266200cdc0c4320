"""The level above: the roster of offices expected to report, packages received and
verified from them (or quarantined with the reason), and who sent, late or missing."""
