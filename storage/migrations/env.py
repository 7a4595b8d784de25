"""Alembic environment: migrates the connection it is handed, or DATABASE_URL from the shell."""

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection

from storage.db import Database
from storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_on(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


async def run_from_environment() -> None:
    database = Database(os.environ.get("DATABASE_URL", "sqlite:///var/thidua.db"))
    async with database.engine.begin() as connection:
        await connection.run_sync(run_on)
    await database.dispose()


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()
elif (shared := config.attributes.get("connection")) is not None:
    run_on(shared)
else:
    asyncio.run(run_from_environment())
