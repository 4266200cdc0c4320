"""The submission package sent up: built (build.py), its data (data.py), the ASiC-E
container (asice.py), and checked by the level above (verify.py)."""
