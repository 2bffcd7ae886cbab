import sys

from eventbuilder.cli import main

sys.exit(main())
