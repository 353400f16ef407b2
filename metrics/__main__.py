"""`python -m metrics` runs the command line."""

import sys

from metrics.cli import main

sys.exit(main())
