#!/usr/bin/env python
from frirum.cli import main

if __name__ == "__main__":
    main()
