"""The loopback server and Chromium under their former name; they live in handbook.project."""

from handbook.project import CHROMIUM, CHROMIUM_ARGS, serve
from handbook.project import start_server as start

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "serve", "start"]
