"""Run the command line: ``python -m defectors``."""

import sys

from defectors._cli import main

if __name__ == "__main__":  # pragma: no branch - only ever run as a script
    sys.exit(main())
