"""Relationship intelligence: influence paths, coaches, coverage gaps, scores, power map, analytics."""
