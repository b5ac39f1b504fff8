"""The pure core: the knowledge base, answer sheets, sessions, scoring, results and classes.

It never prints, prompts or exits, and imports nothing that talks to people
(rich, questionary, prompt_toolkit, typer, click, XlsxWriter); a test checks this.
"""
