"""Lexicon data files (TOML): patterns and allowlists for the guardrail rules."""
