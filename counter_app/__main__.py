"""Allows `python -m counter_app`, the same entry point as the `counter-app` command."""

import sys

from counter_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
