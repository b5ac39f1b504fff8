"""rolequiz: which social-media career fits you — Officer, Specialist or Strategist?"""

__version__ = "0.1.0"
