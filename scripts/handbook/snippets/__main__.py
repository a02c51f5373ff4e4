"""`python -m handbook.snippets`: the same command without the rest of the CLI.

Handy while another job module of the CLI is broken.
"""

import argparse
import sys

from handbook.snippets import register

parser = argparse.ArgumentParser(prog="python -m handbook.snippets")
register(parser.add_subparsers(dest="command", required=True))
args = parser.parse_args(["snippets", *sys.argv[1:]])
sys.exit(args.func(args))
