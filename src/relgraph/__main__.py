"""`python -m relgraph` runs the command line."""

from relgraph.cli import main

main()
