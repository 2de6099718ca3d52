"""relgraph CLI: keys commands (filled in by its issue)."""
