"""`python -m clinicdocs` runs the command line."""

from clinicdocs.cli import main

main()
