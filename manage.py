#!/usr/bin/env python
"""Django's command-line utility; `uv run xarxa` does the same."""

from xarxa.__main__ import main

if __name__ == "__main__":
    main()
