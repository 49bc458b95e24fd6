"""clinicdocs: turn treatment data into a searchable, printable patient-education site."""

__version__ = "0.1.0"
