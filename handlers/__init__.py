"""Platform-agnostic conversation logic: takes an Incoming and a Context, returns Replies."""

from handlers import admin, handoff, help, identity, invites, pledge, qa
from handlers.office import broadcast, broadcast_send, broadcast_views
from handlers.office.reports import files, pending, status
from handlers.reminders import commands as reminder_commands
from handlers.review import flow as review
from handlers.router import Router


def build_router() -> Router:
    """Every feature's routes; free text tries an invite code, then a question; /help is last."""
    router = Router()
    for feature in (
        help.router,
        invites.router,
        pledge.router,
        review.router,
        admin.router,
        status.router,
        pending.router,
        files.router,
        broadcast_views.router,  # a typed «Đã nhận» before it is taken as a question
        reminder_commands.router,  # a typed «Nhắc lại sau», likewise
        qa.router,
        handoff.router,
        broadcast.router,
        broadcast_send.router,
        identity.router,  # /whoami, /link, /invite: after the everyday commands in menus
    ):
        router.include(feature)
    help.add_help(router)
    return router
