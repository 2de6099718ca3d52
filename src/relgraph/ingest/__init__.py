"""The dataset document (relgraph/1): validate, import, export, CSV/XLSX, demo portfolio."""
