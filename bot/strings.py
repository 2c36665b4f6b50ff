"""Every user-visible string, keyed, with named placeholders, in 简体中文, 繁體中文 and English.

Strings are Telegram HTML. :func:`t` escapes every parameter unless it is :class:`Html`
(markup a renderer built itself), so a query or a corpus fragment can never break a message.
The language is the chat's setting, else the user's Telegram ``language_code``
(:func:`pick_language`); 简体 is the default.
"""

from __future__ import annotations

import html
from typing import Literal

Lang = Literal["zh-Hans", "zh-Hant", "en"]
LANGS: tuple[Lang, ...] = ("zh-Hans", "zh-Hant", "en")
DEFAULT_LANG: Lang = "zh-Hans"
_INDEX = {lang: i for i, lang in enumerate(LANGS)}
_TRADITIONAL_REGIONS = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")


class Html(str):
    """Markup that :func:`t` inserts as is (already escaped by whoever built it)."""

    __slots__ = ()


# Example queries that find something in the corpus (a test keeps them honest).
EXAMPLES: dict[Lang, tuple[str, ...]] = {
    "zh-Hans": ("新开发银行 贷款", "金砖扩员", "厦门 创新基地"),
    "zh-Hant": ("新開發銀行 貸款", "金磚擴員", "廈門 創新基地"),
    "en": ("New Development Bank", "金砖扩员", "Global South"),
}


def pick_language(chat_setting: str | None, language_code: str | None) -> Lang:
    """The interface language: the chat's setting, else the user's Telegram client language."""
    if chat_setting in _INDEX:
        return chat_setting
    code = (language_code or "").lower().replace("_", "-")
    if code.startswith(_TRADITIONAL_REGIONS):
        return "zh-Hant"
    if code.startswith("zh"):
        return "zh-Hans"
    if code.startswith("en"):
        return "en"
    return DEFAULT_LANG


def t(key: str, lang: Lang, /, **params: object) -> str:
    """The string ``key`` in ``lang`` with ``params`` filled in (escaped unless :class:`Html`).

    Raises:
        KeyError: unknown key or a placeholder without a value (a programming error).
    """
    template = STRINGS[key][_INDEX[lang]]
    if not params:
        return template
    return template.format_map({name: _escape(value) for name, value in params.items()})


def _escape(value: object) -> str:
    if isinstance(value, Html):
        return str(value)
    return html.escape(str(value), quote=False)


# key: (简体中文, 繁體中文, English)
STRINGS: dict[str, tuple[str, str, str]] = {
    # Command menu descriptions (also the /help lines).
    "cmd.start": ("开始使用智库", "開始使用智庫", "Start using Zhiku"),
    "cmd.help": ("命令与示例", "指令與範例", "Commands and examples"),
    "cmd.search": ("搜索原文段落", "搜尋原文段落", "Search the documents"),
    "cmd.summary": ("用原文句子概述一个话题", "用原文句子概述一個話題", "Summarise a topic"),
    "cmd.timeline": ("按时间列出相关事件", "按時間列出相關事件", "Dated events on a topic"),
    "cmd.quote": ("查找某人说过的原话", "查找某人說過的原話", "Find what someone said"),
    "cmd.verify": ("核对一句引文是否属实", "核對一句引文是否屬實", "Check a quotation"),
    "cmd.source": ("按编号查看段落原文", "按編號查看段落原文", "Show a passage by its id"),
    "cmd.docs": ("收录的文献及编号", "收錄的文獻及編號", "Documents and their ids"),
    "cmd.about": ("语料版本与统计", "語料版本與統計", "Corpus version and counts"),
    "cmd.settings": ("字形与界面语言", "字形與介面語言", "Script and language"),
    # /start and /help
    "start.welcome": (
        "你好，{name}！我是<b>智库</b>：回答关于金砖合作、全球南方和中国外交文献的问题，"
        "每个答案都摘自原文并注明出处。\n\n直接发一个问题试试，例如：\n{examples}\n\n"
        "全部命令：/help",
        "你好，{name}！我是<b>智庫</b>：回答關於金磚合作、全球南方和中國外交文獻的問題，"
        "每個答案都摘自原文並註明出處。\n\n直接發一個問題試試，例如：\n{examples}\n\n"
        "全部指令：/help",
        "Hello, {name}! I am <b>Zhiku</b>: I answer questions about documents on BRICS, the "
        "Global South and China's diplomacy, with extracts from the texts and their sources."
        "\n\nJust send a question, for example:\n{examples}\n\nAll commands: /help",
    ),
    "help.header": ("<b>智库命令</b>", "<b>智庫指令</b>", "<b>Zhiku commands</b>"),
    "help.private": (
        "在私聊中，直接发送文字即可搜索。",
        "在私聊中，直接傳送文字即可搜尋。",
        "In a private chat, any text you send is a search.",
    ),
    "help.group": (
        "在群组中，请用命令（如 /search@{bot} 金砖）、回复我的消息或 @{bot} 提问。",
        "在群組中，請用指令（如 /search@{bot} 金磚）、回覆我的訊息或 @{bot} 提問。",
        "In a group, use a command (/search@{bot} BRICS), reply to me or mention @{bot}.",
    ),
    "help.inline": (
        "在任何聊天中输入 @{bot} 加关键词，可直接引用段落。",
        "在任何聊天中輸入 @{bot} 加關鍵詞，可直接引用段落。",
        "Type @{bot} and a few words in any chat to quote a passage.",
    ),
    # Usage lines: shown when a command comes without its argument.
    "usage.search": (
        "请在命令后写上要找的内容，例如：\n<code>/search 新开发银行 贷款</code>",
        "請在指令後寫上要找的內容，例如：\n<code>/search 新開發銀行 貸款</code>",
        "Add what to look for after the command, for example:\n<code>/search New Development"
        " Bank loans</code>",
    ),
    "usage.summary": (
        "请写上话题，例如：\n<code>/summary 金砖扩员</code>",
        "請寫上話題，例如：\n<code>/summary 金磚擴員</code>",
        "Add a topic, for example:\n<code>/summary BRICS expansion</code>",
    ),
    "usage.timeline": (
        "请写上话题，例如：\n<code>/timeline 厦门金砖创新基地</code>",
        "請寫上話題，例如：\n<code>/timeline 廈門金磚創新基地</code>",
        "Add a topic, for example:\n<code>/timeline Xiamen BRICS innovation base</code>",
    ),
    "usage.quote": (
        "请写上人名或话题，例如：\n<code>/quote 习近平 金砖</code>",
        "請寫上人名或話題，例如：\n<code>/quote 習近平 金磚</code>",
        "Add a speaker or topic, for example:\n<code>/quote Xi Jinping BRICS</code>",
    ),
    "usage.verify": (
        "请在命令后贴上要核对的原话，或用 /verify 回复含有引文的消息。例如：\n"
        "<code>/verify 金砖国家是全球南方的重要力量</code>",
        "請在指令後貼上要核對的原話，或用 /verify 回覆含有引文的訊息。例如：\n"
        "<code>/verify 金磚國家是全球南方的重要力量</code>",
        "Paste the claimed quotation after the command, or reply /verify to a message that "
        "contains it. For example:\n<code>/verify 金砖国家是全球南方的重要力量</code>",
    ),
    "usage.source": (
        "请写上段落编号，例如：<code>/source d0.p12</code>（编号见搜索结果或 /docs）",
        "請寫上段落編號，例如：<code>/source d0.p12</code>（編號見搜尋結果或 /docs）",
        "Add a passage id, for example <code>/source d0.p12</code> (ids are in answers and /docs)",
    ),
    # Answers
    "search.header": ("🔎 <b>{query}</b>", "🔎 <b>{query}</b>", "🔎 <b>{query}</b>"),
    "page": ("第 {page} 页", "第 {page} 頁", "page {page}"),
    "corrected": (
        "你是不是要找：<b>{corrected}</b>？",
        "你是不是要找：<b>{corrected}</b>？",
        "Did you mean <b>{corrected}</b>?",
    ),
    "nothing": (
        "没有找到与「{query}」相关的内容。可以试试：\n• 更短的关键词，如 {example}\n"
        "• 换一种说法或只用中文关键词\n• /docs 看看收录了哪些文献",
        "沒有找到與「{query}」相關的內容。可以試試：\n• 更短的關鍵詞，如 {example}\n"
        "• 換一種說法或只用中文關鍵詞\n• /docs 看看收錄了哪些文獻",
        "Nothing found for “{query}”. You could try:\n• fewer words, such as {example}\n"
        "• other wording, or Chinese keywords\n• /docs to see which documents are indexed",
    ),
    "summary.header": (
        "📝 <b>{query}</b>：原文摘要",
        "📝 <b>{query}</b>：原文摘要",
        "📝 <b>{query}</b>: summary",
    ),
    "timeline.header": (
        "🗓 <b>{query}</b>：时间线",
        "🗓 <b>{query}</b>：時間線",
        "🗓 <b>{query}</b>: timeline",
    ),
    "timeline.planned": ("（计划）", "（計劃）", " (planned)"),
    "timeline.conflict": (
        "⚠️ 来源不一致：{conflict}",
        "⚠️ 來源不一致：{conflict}",
        "⚠️ Sources differ: {conflict}",
    ),
    "quote.header": (
        "💬 <b>{query}</b>：原话",
        "💬 <b>{query}</b>：原話",
        "💬 <b>{query}</b>: quotations",
    ),
    "quote.unattributed": ("（未署名）", "（未署名）", "(unattributed)"),
    "verify.verbatim": (
        "✅ <b>原文一字不差</b>：语料中有这句话。",
        "✅ <b>原文一字不差</b>：語料中有這句話。",
        "✅ <b>Verbatim</b>: the corpus contains these exact words.",
    ),
    "verify.close": (
        "🟡 <b>相近但有出入</b>：语料中的原话与此不完全相同。",
        "🟡 <b>相近但有出入</b>：語料中的原話與此不完全相同。",
        "🟡 <b>Close, not exact</b>: the corpus words differ from the claim.",
    ),
    "verify.not_found": (
        "❌ <b>未找到</b>：语料中没有这句话。",
        "❌ <b>未找到</b>：語料中沒有這句話。",
        "❌ <b>Not found</b>: the corpus does not contain this.",
    ),
    "verify.claim": ("核对：{claim}", "核對：{claim}", "Claim: {claim}"),
    "verify.diff": ("差异：{diff}", "差異：{diff}", "Difference: {diff}"),
    "verify.nearest": ("最接近的段落：", "最接近的段落：", "Nearest passages:"),
    "source.not_found": (
        "找不到段落 <code>{pid}</code>。段落编号形如 <code>d2.a6.p41</code>，"
        "可在答案或 /docs 中找到。",
        "找不到段落 <code>{pid}</code>。段落編號形如 <code>d2.a6.p41</code>，"
        "可在答案或 /docs 中找到。",
        "There is no passage <code>{pid}</code>. Ids look like <code>d2.a6.p41</code>; answers "
        "and /docs show them.",
    ),
    "source.before": ("上文", "上文", "Before"),
    "source.after": ("下文", "下文", "After"),
    "source.notes": ("注释", "註釋", "Notes"),
    "source.flagged": (
        "⚠️ 此段原文有乱码，引用前请核对原件。",
        "⚠️ 此段原文有亂碼，引用前請核對原件。",
        "⚠️ This passage contains garbled characters; check the original before quoting.",
    ),
    "source.lines": ("原文第 {start}–{end} 行", "原文第 {start}–{end} 行", "lines {start}–{end}"),
    "docs.header": ("📚 <b>收录的文献</b>", "📚 <b>收錄的文獻</b>", "📚 <b>Documents</b>"),
    "docs.passages": ("{count} 段", "{count} 段", "{count} passages"),
    "docs.footer": (
        "用 <code>/source d0.p1</code> 查看某段原文。",
        "用 <code>/source d0.p1</code> 查看某段原文。",
        "Use <code>/source d0.p1</code> to read a passage.",
    ),
    "about": (
        "ℹ️ <b>智库语料</b>\n版本：<code>{version}</code>\n文献 {documents} 篇，文章 {articles} 篇，"
        "段落 {passages} 段，注释 {footnotes} 条\n时间范围：{first} – {last}\n最近更新：{ingest}",
        "ℹ️ <b>智庫語料</b>\n版本：<code>{version}</code>\n文獻 {documents} 篇，文章 {articles} 篇，"
        "段落 {passages} 段，註釋 {footnotes} 條\n時間範圍：{first} – {last}\n最近更新：{ingest}",
        "ℹ️ <b>Zhiku corpus</b>\nVersion: <code>{version}</code>\n{documents} documents, "
        "{articles} articles, {passages} passages, {footnotes} notes\nDates: {first} – {last}\n"
        "Last updated: {ingest}",
    ),
    # Buttons
    "button.prev": ("◀ 上一页", "◀ 上一頁", "◀ Back"),
    "button.next": ("下一页 ▶", "下一頁 ▶", "Next ▶"),
    "button.before": ("◀ 上一段", "◀ 上一段", "◀ Previous"),
    "button.after": ("下一段 ▶", "下一段 ▶", "Next ▶"),
    "button.source": ("📄 {n}", "📄 {n}", "📄 {n}"),
    "button.more": ("🔎 更多段落", "🔎 更多段落", "🔎 More passages"),
    "button.private": ("💬 私聊阅读", "💬 私聊閱讀", "💬 Read in private"),
    # Settings
    "settings.header": (
        "⚙️ <b>设置</b>\n原文字形：{script}\n界面语言：{language}",
        "⚙️ <b>設定</b>\n原文字形：{script}\n介面語言：{language}",
        "⚙️ <b>Settings</b>\nScript of corpus text: {script}\nInterface language: {language}",
    ),
    "settings.group_note": (
        "（在群组中只有管理员可以更改）",
        "（在群組中只有管理員可以更改）",
        "(in groups only administrators can change these)",
    ),
    "settings.saved": ("已保存", "已儲存", "Saved"),
    "settings.admins_only": (
        "只有群管理员可以更改设置。",
        "只有群管理員可以更改設定。",
        "Only group administrators can change the settings.",
    ),
    "script.source": ("与原文一致", "與原文一致", "as in the source"),
    "script.simplified": ("简体", "簡體", "Simplified"),
    "script.traditional": ("繁体", "繁體", "Traditional"),
    "lang.auto": ("跟随 Telegram", "跟隨 Telegram", "Telegram's"),
    "lang.zh-Hans": ("简体中文", "簡體中文", "简体中文"),
    "lang.zh-Hant": ("繁体中文", "繁體中文", "繁體中文"),
    "lang.en": ("English", "English", "English"),
    # Callbacks, limits and errors
    "callback.expired": (
        "这个按钮已失效，请重新查询。",
        "這個按鈕已失效，請重新查詢。",
        "This button has expired; please ask again.",
    ),
    "callback.invalid": (
        "无法识别这个按钮。",
        "無法識別這個按鈕。",
        "This button is not recognised.",
    ),
    "ratelimit": (
        "请稍等：每 {window} 秒最多 {limit} 次查询，{wait} 秒后再试。",
        "請稍等：每 {window} 秒最多 {limit} 次查詢，{wait} 秒後再試。",
        "Please slow down: at most {limit} queries per {window} s. Try again in {wait} s.",
    ),
    "unknown.command": (
        "我不认识这个命令。发送 /help 查看全部命令，或直接发送关键词搜索。",
        "我不認識這個指令。傳送 /help 查看全部指令，或直接傳送關鍵詞搜尋。",
        "I don't know that command. Send /help for the list, or just send keywords to search.",
    ),
    "group.hello": (
        "大家好，我是<b>智库</b>。用 /search@{bot} 关键词 搜索文献，或回复我的消息继续提问。"
        "命令列表：/help@{bot}",
        "大家好，我是<b>智庫</b>。用 /search@{bot} 關鍵詞 搜尋文獻，或回覆我的訊息繼續提問。"
        "指令列表：/help@{bot}",
        "Hello! I am <b>Zhiku</b>. Search the documents with /search@{bot} keywords, or reply to"
        " my messages. Commands: /help@{bot}",
    ),
    "query.too_long": (
        "内容太长（{length} 字）。请缩短到 {limit} 字以内。",
        "內容太長（{length} 字）。請縮短到 {limit} 字以內。",
        "That is too long ({length} characters); please keep it under {limit}.",
    ),
    "query.no_words": (
        "这里没有可以搜索的文字。请发送中文或英文关键词，例如 {example}。",
        "這裡沒有可以搜尋的文字。請傳送中文或英文關鍵詞，例如 {example}。",
        "There is nothing to search for here. Send Chinese or English keywords, such as {example}.",
    ),
    "error.generic": (
        "抱歉，出了点问题，请稍后再试。",
        "抱歉，出了點問題，請稍後再試。",
        "Sorry, something went wrong. Please try again later.",
    ),
    "error.query": (
        "无法回答这个问题：{detail}",
        "無法回答這個問題：{detail}",
        "Cannot answer that: {detail}",
    ),
    "error.database": (
        "资料库暂时无法使用，请稍后再试。",
        "資料庫暫時無法使用，請稍後再試。",
        "The database is unavailable right now; please try again later.",
    ),
    "error.ingest": (
        "语料正在更新，请稍后再试。",
        "語料正在更新，請稍後再試。",
        "The corpus is being updated; try again soon.",
    ),
    "error.config": (
        "机器人配置有误，已通知维护者。",
        "機器人設定有誤，已通知維護者。",
        "The bot is misconfigured; the maintainers know.",
    ),
    # Inline mode
    "inline.hint": ("输入关键词搜索文献", "輸入關鍵詞搜尋文獻", "Type keywords to search"),
    "inline.button": ("在私聊中打开智库", "在私聊中開啟智庫", "Open Zhiku in a private chat"),
    "inline.nothing": ("没有找到：{query}", "沒有找到：{query}", "Nothing found: {query}"),
    "inline.quote": ("💬 {speaker}", "💬 {speaker}", "💬 {speaker}"),
}
