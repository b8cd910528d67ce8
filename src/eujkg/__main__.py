import sys

from eujkg.cli import main

sys.exit(main())
