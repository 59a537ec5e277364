"""Entry script of the frozen app: the same `counter-app` command as a Python install."""

import sys

from counter_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
