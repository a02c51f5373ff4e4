"""`python -m handbook.repair FILE`: the same as `handbook repair FILE`, without the other jobs.

Lets the repair run on its own when another job module cannot be imported.
"""

from __future__ import annotations

import argparse
import sys

from . import register

parser = argparse.ArgumentParser(prog="handbook")
register(parser.add_subparsers(dest="command", required=True))
args = parser.parse_args(["repair", *sys.argv[1:]])
sys.exit(args.func(args))
