"""The ``asn-advisor`` command: click groups that parse options, call the library and print.

:mod:`asn_advisor.cli.app` holds the root group ``main``; each command module
registers its commands on it when imported here.
"""

from asn_advisor.cli import advise, batch, history, rules  # noqa: F401 - importing registers the commands
from asn_advisor.cli.app import main

__all__ = ["main"]
