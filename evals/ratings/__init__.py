"""Blind ratings of drafts, and how well the scorers agree with them.

A rated draft is one line of `evals/ratings/*.jsonl` (see `models.RatedDraft`): the request, the
draft as the rater saw it, and the rater's verdict (send / edit / rewrite), whether it could mislead
the candidate, whether it is grounded in the request, and the problems they noted. Raters never see
prompts, rules or code. `agreement` compares the rubric and the optional LLM judge with them.
"""
