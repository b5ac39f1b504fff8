"""The roles of a knowledge base side by side, and whether each can be told apart and reached."""
