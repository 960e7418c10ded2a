#!/usr/bin/env python
"""Development entry point; the same as the `keyprojects` console script."""

from keyprojects.cli import main

if __name__ == "__main__":
    main()
