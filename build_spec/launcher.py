"""Entry point of the bundled app: the same CLI as `python -m desktop` (GUI by default)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
