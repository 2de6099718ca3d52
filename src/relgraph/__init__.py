"""relgraph: relationship intelligence for B2B key-account selling, on a Cypher property graph."""

from relgraph.config import Settings
from relgraph.errors import RelgraphError

__all__ = ["RelgraphError", "Settings"]
__version__ = "0.1.0"
