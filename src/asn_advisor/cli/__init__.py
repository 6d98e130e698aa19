"""The ``asn-advisor`` command: click groups that parse options, call the library and print."""

from asn_advisor.cli.commands import main

__all__ = ["main"]
