"""Entry point of the bundled app: the same CLI as `python -m desktop` (GUI by default)."""

import re
import sys

from desktop.cli import main

# How multiprocessing (spawn) runs its helpers when the program is a bundle: the executable
# itself, given a worker's handles, or Linux's resource tracker as a `-c` command.
WORKER = "--multiprocessing-fork"
TRACKER = re.compile(r"from multiprocessing\.resource_tracker import main;main\((\d+)\)")


def serve_multiprocessing(argv: list[str]) -> None:
    """Be the worker or the tracker asked for, then leave; otherwise return at once (no
    multiprocessing import on a normal start: it costs tens of milliseconds here)."""
    if argv[1:2] == [WORKER]:
        from multiprocessing import spawn

        handles = dict(arg.split("=", 1) for arg in argv[2:])
        spawn.spawn_main(**{k: None if v == "None" else int(v) for k, v in handles.items()})
        sys.exit()
    command = argv[argv.index("-c") + 1 :][:1] if "-c" in argv else []
    if command and (found := TRACKER.fullmatch(command[0])):
        from multiprocessing import resource_tracker

        resource_tracker.main(int(found[1]))
        sys.exit()


if __name__ == "__main__":
    serve_multiprocessing(sys.argv)
    sys.exit(main())
