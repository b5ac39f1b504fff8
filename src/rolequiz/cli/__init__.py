"""The command line: one Typer application (:mod:`rolequiz.cli.app`), a module per command.

The only package that exits.
"""
