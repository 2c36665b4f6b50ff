"""The one place that builds the Telegram Application and registers its handlers.

Nothing heavy happens at import or in :func:`build_application`: ``post_init`` opens the
library (database, migrations, jieba, OpenCC) and publishes the command menus;
``post_shutdown`` closes what ``post_init`` opened. ``run_polling`` calls both hooks; the
webhook runner, the console and the tests use :func:`running` or call them likewise.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeDefault,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    JobQueue,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.app.commands import COMMANDS, MENU_LANGUAGES, MENUS, menu
from bot.app.context import BotData, Context, Scope, ZhikuApplication, ZhikuBuilder
from bot.app.ratelimit import RateLimiter
from bot.app.state import Store
from bot.config import DEFAULT_DATABASE_PATH, Settings
from bot.feedback.store import FeedbackStore
from bot.lookup.library import Library
from bot.lookup.search.semantic.encoder import load_encoder
from bot.state.db import StateDB
from bot.state.open import StateConfig, open_state
from handlers.buttons import on_button
from handlers.card_notify import close_cards, open_cards
from handlers.errors import on_error
from handlers.feedback import ANSWERS_THE_ASK, looking_for
from handlers.gaps import schedule_digest
from handlers.incoming import claim_update, replace_invalid_text
from handlers.inline import on_inline_query
from handlers.limits import rate_limit
from handlers.membership import on_my_chat_member
from handlers.moderators import on_chat_member
from handlers.permissions import admin_only
from handlers.search import ADDRESSED, search_text
from handlers.start import unknown_command

log = logging.getLogger(__name__)

# The index's note of which state store the bot last ran with (see bot/state/open.py).
STATE_NOTE = "state_identity"
_AnyScope = (
    BotCommandScopeDefault
    | BotCommandScopeAllPrivateChats
    | BotCommandScopeAllGroupChats
    | BotCommandScopeAllChatAdministrators
)

# A token-shaped placeholder for an Application that only ever talks to a fake Bot API.
OFFLINE_TOKEN = "1:offline"
# Updates are handled concurrently so that one slow answer (or a flood-control wait in the
# rate limiter) does not hold up every other chat.
CONCURRENT_UPDATES = 32
FLOOD_RETRIES = 3

_NEW_MESSAGE = filters.UpdateType.MESSAGE
_SCOPE_FILTERS: dict[Scope, filters.BaseFilter] = {
    "private": _NEW_MESSAGE & filters.ChatType.PRIVATE,
    "group": _NEW_MESSAGE & filters.ChatType.GROUPS,
    "all": _NEW_MESSAGE & (filters.ChatType.PRIVATE | filters.ChatType.GROUPS),
}
_MENU_SCOPES: dict[str, type[_AnyScope]] = {
    "default": BotCommandScopeDefault,
    "all_private_chats": BotCommandScopeAllPrivateChats,
    "all_group_chats": BotCommandScopeAllGroupChats,
    "all_chat_administrators": BotCommandScopeAllChatAdministrators,
}


def build_application(
    settings: Settings,
    *,
    library: Library | None = None,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    rate_limiter: bool = True,
    warm_up: bool = False,
) -> ZhikuApplication:
    """Build the Application with every handler registered; nothing is opened yet.

    Args:
        settings: The validated configuration.
        library: An open library to use (its owner closes it); by default ``post_init``
            opens ``settings.database_path`` and ``post_shutdown`` closes it.
        request: PTB request object for Bot API calls (e.g. a fake API's transport).
        updates_request: The same for getUpdates.
        rate_limiter: Throttle outgoing messages with ``AIORateLimiter`` (keep it on in
            production; benchmarks turn it off to measure the handlers alone).
        warm_up: After ``post_init``, build the timeline, quote and quote-check indexes in
            the background, so that no user's first question waits for them (the running
            bot does; tests and the console build them on first use).

    Raises:
        ConfigError: no token is set and no ``request`` replaces the real API.
    """
    token = settings.token or (OFFLINE_TOKEN if request is not None else settings.require_token())
    builder = _builder(token, settings.api_base_url, digest=settings.gaps_chat_id is not None)
    if request is not None:
        builder = builder.request(request)
    if updates_request is not None:
        builder = builder.get_updates_request(updates_request)
    if rate_limiter:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=FLOOD_RETRIES))
    application = builder.build()
    data = application.bot_data
    data.settings = settings
    data.commands = COMMANDS
    data.given_library = library
    data.warm_up = warm_up
    register_handlers(application)
    return application


def _builder(token: str, base_url: str, *, digest: bool) -> ZhikuBuilder:
    defaults = Defaults(
        parse_mode=ParseMode.HTML,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
        # A question whose message was deleted meanwhile still deserves its answer.
        allow_sending_without_reply=True,
    )
    builder: ZhikuBuilder = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .defaults(defaults)
        .context_types(ContextTypes(bot_data=BotData))
        .job_queue(_job_queue() if digest else None)
        .concurrent_updates(CONCURRENT_UPDATES)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    return builder


def _job_queue() -> JobQueue[Context]:
    return JobQueue()


def register_handlers(application: ZhikuApplication) -> None:
    """Invalid text replaced (group -3; the repaired copy goes through from the start),
    updates already handled by another instance dropped (group -2), rate limit (group -1),
    then the registry's commands, text, buttons, inline."""
    application.add_handler(TypeHandler(Update, replace_invalid_text), group=-3)
    application.add_handler(TypeHandler(Update, claim_update), group=-2)
    application.add_handler(TypeHandler(Update, rate_limit), group=-1)
    for command in COMMANDS:
        callback = admin_only(command.callback) if command.admin_only else command.callback
        names = (command.name, *command.aliases)
        application.add_handler(
            CommandHandler(names, callback, filters=_SCOPE_FILTERS[command.scope])
        )
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    own_text = _NEW_MESSAGE & filters.TEXT & ~filters.COMMAND & ~filters.VIA_BOT
    application.add_handler(
        MessageHandler(_NEW_MESSAGE & private & filters.COMMAND, unknown_command)
    )
    application.add_handler(MessageHandler(own_text & private & ANSWERS_THE_ASK, looking_for))
    application.add_handler(MessageHandler(own_text & private, search_text))
    application.add_handler(MessageHandler(own_text & groups & ADDRESSED, search_text))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(InlineQueryHandler(on_inline_query))
    application.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(ChatMemberHandler(on_chat_member, ChatMemberHandler.CHAT_MEMBER))
    application.add_error_handler(on_error)


async def _post_init(application: ZhikuApplication) -> None:
    data = application.bot_data
    settings = data.settings
    library = data.given_library
    if library is None:
        library = await Library.open(
            settings.index_path,
            settings.corpus_dir,
            rebuild_damaged=True,
            # Vectors the corpus does not ship are embedded in the background.
            encoder=load_encoder() if settings.semantic else None,
        )
    try:
        state = data.given_state or await _open_state(settings, library)
    except BaseException:
        if library is not data.given_library:
            await library.close()
        raise
    store = Store(state)
    data.limiter = RateLimiter(state, settings.rate_limit, settings.rate_window)
    data.attach(library, store, FeedbackStore(state, clock=lambda: data.clock()))
    purged = await store.purge_expired()
    log.info(
        "index %s, state in %s (%d expired button states purged)",
        settings.index_path,
        state.describe(),
        purged,
    )
    await open_cards(application)
    await schedule_digest(application)
    await publish_menus(application)
    if data.warm_up:
        data.warming = asyncio.create_task(_warm(library), name="zhiku-warm-up")


async def _open_state(settings: Settings, library: Library) -> StateDB:
    """The state store, checked against the one the index remembers running with."""
    config = StateConfig(
        settings.database_path,
        settings.database_url,
        default_path=settings.database_path == DEFAULT_DATABASE_PATH,
    )
    known = await library.recall(STATE_NOTE)
    state, identity = await open_state(config, known=known, allow_new=settings.allow_new_state)
    try:
        await library.remember(STATE_NOTE, identity)
    except BaseException:
        await state.close()
        raise
    return state


async def _warm(library: Library) -> None:
    started = time.perf_counter()
    try:
        await library.warm()
    except Exception:
        # Only an optimisation: the first question of each kind builds what it needs anyway.
        log.exception("warming the answer indexes failed")
        return
    # What is alive now (the library, its indexes and caches: some 200,000 objects) lives as
    # long as the bot: a full collection walking it all took 55-120 ms, inside whichever
    # update it interrupted. Frozen, it is left out of every later collection.
    gc.collect()
    gc.freeze()
    log.info("answer indexes ready in %.2f s", time.perf_counter() - started)


async def _post_shutdown(application: ZhikuApplication) -> None:
    data = application.bot_data
    warming, data.warming = data.warming, None
    if warming is not None and not warming.done():
        warming.cancel()
        with suppress(asyncio.CancelledError):
            await warming
    await close_cards(application)
    store = data.store if data.attached else None
    library = data.detach()
    if store is not None and store.db is not data.given_state:
        await store.db.close()
    if library is not None and library is not data.given_library:
        await library.close()


async def publish_menus(application: ZhikuApplication) -> None:
    """setMyCommands for each menu scope and language, from the registry."""
    for scope_name, kind, admins in MENUS:
        scope = _MENU_SCOPES[scope_name]()
        for code, lang in MENU_LANGUAGES:
            commands = [BotCommand(name, text) for name, text in menu(kind, admins, lang)]
            try:
                await application.bot.set_my_commands(commands, scope=scope, language_code=code)
            except TelegramError as error:
                # The menu is a convenience; answering questions does not depend on it.
                log.warning("could not set the %s command menu: %s", scope_name, error.message)
                return


@asynccontextmanager
async def running(application: ZhikuApplication) -> AsyncIterator[ZhikuApplication]:
    """Initialise the application and run its lifecycle hooks around the block.

    For code that feeds updates itself (tests, the console, the benchmark) rather than
    calling ``run_polling``, which does the same.
    """
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        yield application
    finally:
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
