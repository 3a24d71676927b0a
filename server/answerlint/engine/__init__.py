"""The engine: Markdown drafts in, findings and per-answer summaries out. LSP-free."""
