"""Routing tables: command -> handler, step -> handler, button action -> handler; and the order."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from handlers.types import Context, Incoming, Reply

Handler = Callable[[Incoming, Context], Awaitable[list[Reply]]]
Prompt = Callable[[Context], Awaitable[list[Reply]]]
ROLE_RANK = {"leader": 0, "staff": 1, "admin": 2}


def N_(message: str) -> str:
    """Marks a message for the catalog; it is translated where it is shown."""
    return message


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    aliases: tuple[str, ...]
    handler: Handler
    description: str
    role: str = "leader"
    usage: str = ""  # marked with N_: its words are translated where help shows them
    resumes: bool = True  # after it, a person in a flow is asked the pending question again


@dataclass(slots=True)
class Router:
    commands: dict[str, Command] = field(default_factory=dict)
    steps: dict[str, Handler] = field(default_factory=dict)
    prompts: dict[str, Prompt] = field(default_factory=dict)
    actions: dict[str, Handler] = field(default_factory=dict)
    action_roles: dict[str, str] = field(default_factory=dict)  # an office button's role
    anywhere: set[str] = field(default_factory=set)
    fallbacks: list[Handler] = field(default_factory=list)

    def command(
        self,
        name: str,
        *aliases: str,
        description: str,
        role: str = "leader",
        usage: str = "",
        resumes: bool = True,
    ) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            entry = Command(name, aliases, handler, description, role, usage, resumes)
            for key in (name, *aliases):
                if key in self.commands:
                    raise ValueError(f"command /{key} registered twice")
                self.commands[key] = entry
            return handler

        return register

    def step(self, name: str, *, prompt: Prompt) -> Callable[[Handler], Handler]:
        """A conversation step; `prompt` asks its question again after an interruption."""

        def register(handler: Handler) -> Handler:
            self.steps[name] = handler
            self.prompts[name] = prompt
            return handler

        return register

    def action(
        self, name: str, *, anywhere: bool = False, role: str = "leader"
    ) -> Callable[[Handler], Handler]:
        """A button outside steps (payload 'name' or 'name:arg'); `anywhere`: inside too;
        `role`: a press by anyone below it (a forged payload) is refused."""

        def register(handler: Handler) -> Handler:
            self.actions[name] = handler
            self.action_roles[name] = role
            if anywhere:
                self.anywhere.add(name)
            return handler

        return register

    def fallback(self, handler: Handler) -> Handler:
        """Free text outside a step; fallbacks are tried in order until one answers."""
        self.fallbacks.append(handler)
        return handler

    def include(self, other: Router) -> None:
        for key, entry in other.commands.items():
            if key in self.commands:
                raise ValueError(f"command /{key} registered twice")
            self.commands[key] = entry
        self.steps.update(other.steps)
        self.prompts.update(other.prompts)
        self.actions.update(other.actions)
        self.action_roles.update(other.action_roles)
        self.anywhere.update(other.anywhere)
        self.fallbacks.extend(other.fallbacks)

    def visible_commands(self, role: str) -> list[Command]:
        """The commands this role may use, each once, in registration order."""
        seen: dict[str, Command] = {}
        for entry in self.commands.values():
            if may_use(role, entry.role):
                seen.setdefault(entry.name, entry)
        return list(seen.values())


def may_use(role: str, needed: str) -> bool:
    return ROLE_RANK.get(role, 0) >= ROLE_RANK[needed]


async def route(router: Router, msg: Incoming, ctx: Context) -> list[Reply]:
    """Commands first, then the pending step, then button actions, then free-text fallbacks. A
    step that ends the flow and says nothing hands the message on to the fallbacks."""
    if msg.payload is not None and msg.payload.startswith("cmd:"):
        msg = dataclasses.replace(msg, text="/" + msg.payload[4:], payload=None)
    if (name := msg.command) is not None:
        return await _run_command(router, name, msg, ctx)
    action_name = (msg.payload or "").partition(":")[0]
    if not may_use(ctx.account.role, router.action_roles.get(action_name, "leader")):
        return [Reply(ctx._("Sorry, that button is only for the emulation office."))]
    if action_name in router.anywhere:
        replies = await router.actions[action_name](msg, ctx)
        return replies + await _resume(router, ctx)
    if (step := ctx.conversation.step) is not None:
        if (handler := router.steps.get(step)) is not None:
            replies = await handler(msg, ctx)
            if replies or ctx.conversation.step is not None:
                return replies
            # the step let the person go without a word: the message is read as if typed
            # outside a flow (a question, a code)
        else:
            ctx.conversation.goto(None)  # a step this version no longer has
    if msg.payload is not None:
        if (action := router.actions.get(msg.payload.partition(":")[0])) is not None:
            return await action(msg, ctx)
        return [Reply(ctx._("That button has expired. Send /help to see what you can do."))]
    for fallback in router.fallbacks:
        if replies := await fallback(msg, ctx):
            return replies
    return [Reply(ctx._("Sorry, I did not understand. Send /help to see what you can do."))]


async def _run_command(router: Router, name: str, msg: Incoming, ctx: Context) -> list[Reply]:
    entry = router.commands.get(name)
    if entry is None:
        replies = [
            Reply(
                ctx._("I do not know the command /{name}. Send /help for the list.").format(
                    name=name
                )
            )
        ]
    elif not may_use(ctx.account.role, entry.role):
        if may_use(ctx.account.role, "staff"):  # staff asking for an admin's command
            refusal = ctx._("Sorry, /{name} is only for admins of the emulation office.")
        else:
            refusal = ctx._("Sorry, /{name} is only for the emulation office.")
        replies = [Reply(refusal.format(name=name))]
    else:
        before = ctx.conversation.step
        replies = await entry.handler(msg, ctx)
        if not entry.resumes or ctx.conversation.step != before:
            return replies
    return replies + await _resume(router, ctx)


async def _resume(router: Router, ctx: Context) -> list[Reply]:
    """The pending question again, for a person who was in a flow."""
    if (step := ctx.conversation.step) is not None and (prompt := router.prompts.get(step)):
        return await prompt(ctx)
    return []
