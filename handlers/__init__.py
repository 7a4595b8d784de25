"""Platform-agnostic conversation logic: takes an Incoming and a Context, returns Replies."""

from handlers import admin, help, invites, pledge
from handlers.router import Router


def build_router() -> Router:
    """Every feature's routes, in the order their fallbacks are tried; /help comes last."""
    router = Router()
    for feature in (help.router, invites.router, pledge.router, admin.router):
        router.include(feature)
    help.add_help(router)
    return router
