"""Reading class files: plain CSVs, form exports, workbooks and archives, each row checked."""
