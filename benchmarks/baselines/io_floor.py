"""The I/O floor for ``rolequiz cohort``: read the CSV with the csv module and write one
output row per input row.  Nothing is scored."""

import csv
import sys

with open(sys.argv[1], newline="", encoding="utf-8") as source, \
        open(sys.argv[2], "w", newline="", encoding="utf-8") as target:
    writer = csv.writer(target)
    for record in csv.reader(source):
        writer.writerow(record)
