"""The package format: the ASiC-E container (asice.py), the names and data inside it
(layout.py, schema.py), and its check as the level above receives it (verify.py).
Nothing here writes a document: a receiving worker imports only this and pyHanko's
validation (desktop/submission makes packages)."""
