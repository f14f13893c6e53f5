"""Privacy by default: pseudonymised prompts for remote models, disclosure lines, send-after dates."""
