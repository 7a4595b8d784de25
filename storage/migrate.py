"""Schema migrations on a live engine: `upgrade(db)` runs Alembic to head on its connection."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from storage.db import Database

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


async def upgrade(db: Database, revision: str = "head") -> None:
    async with db.engine.begin() as connection:
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), revision))


async def downgrade(db: Database, revision: str = "base") -> None:
    async with db.engine.begin() as connection:
        await connection.run_sync(lambda c: command.downgrade(alembic_config(c), revision))


async def is_current(db: Database) -> bool:
    """True when the database is at the newest revision (start-up refuses an old schema)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    async with db.engine.connect() as connection:
        current = await connection.run_sync(
            lambda c: MigrationContext.configure(c).get_current_revision()
        )
    return current == head
