"""rolequiz: a career-guidance quiz; which role, of those its knowledge base describes, fits you?"""

__version__ = "0.1.0"
