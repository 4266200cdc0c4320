import sys

from desktop.cli import main

# Not when a worker process (multiprocessing's spawn) imports the main module again.
if __name__ == "__main__":
    sys.exit(main())
