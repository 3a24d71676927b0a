"""answerlint: a coach for interview answers, as a linter and a language server."""

__version__ = "0.1.0"
