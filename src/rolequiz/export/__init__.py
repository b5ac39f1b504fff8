"""Everything written to files: tables, the student and class reports, charts."""
