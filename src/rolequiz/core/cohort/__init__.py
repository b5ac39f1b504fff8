"""A whole class: reading class files, scoring them in batches, names, item analysis."""
