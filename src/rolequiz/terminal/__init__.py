"""Everything drawn on a screen: the quiz, its prompts, results, roles and class summaries."""
