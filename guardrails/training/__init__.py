"""Scripts that build the guardrails' learned data files from data in the repository."""
