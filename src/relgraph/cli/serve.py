"""relgraph CLI: serve commands (filled in by its issue)."""
