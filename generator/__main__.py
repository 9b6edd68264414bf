"""`python -m generator` runs the command line."""

from .cli import program

program()
