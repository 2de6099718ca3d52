"""relgraph CLI: intel commands (filled in by its issue)."""
