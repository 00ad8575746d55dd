"""veille: French news articles to a dated, sourced knowledge base."""

__version__ = "0.3.0"
