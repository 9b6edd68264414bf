"""`python -m generator` and `checklist-site` run the command line.

Importing it takes a moment (Click, PyYAML, the commands): a Ctrl+C meanwhile, before the command line handles signals,
printed Python's traceback of whatever import it stopped. It is said as a stop anywhere else is, with status 130.
"""

from __future__ import annotations

import sys


def program() -> None:
    """The program: :func:`generator.cli.program`, once imported."""
    try:
        from .tuning import prepare

        prepare()  # a build or a serve: started again at once with huge pages for its heap (tuning.py)
        from .cli import program as run
    except KeyboardInterrupt:
        sys.stderr.write("interrupted while starting; nothing was changed\n")
        raise SystemExit(130) from None
    try:
        run()
    except KeyboardInterrupt:  # before the command line handles signals, or after it has printed its last line
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None


if __name__ == "__main__":
    program()
