"""Drafts: a digest of the whole request, so a corrected file re-run takes over rows already drafted.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("request_digest", sa.String(64), nullable=True))
        batch.create_index("ix_drafts_request_digest", ["request_digest"])


def downgrade() -> None:
    with op.batch_alter_table("drafts") as batch:
        batch.drop_index("ix_drafts_request_digest")
        batch.drop_column("request_digest")
