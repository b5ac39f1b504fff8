"""The knowledge base: its file, its schema, its model, its cache and its printed questionnaire."""
