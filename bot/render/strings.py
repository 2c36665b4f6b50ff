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
    "uncovered": (
        "收录的文献没有谈到「{query}」。",
        "收錄的文獻沒有談到「{query}」。",
        "The indexed documents do not cover “{query}”.",
    ),
    "uncovered.missing": (
        "其中没有提到「{name}」。",
        "其中沒有提到「{name}」。",
        "They never mention “{name}”.",
    ),
    "uncovered.nearest": (
        "最接近的是这几处（按钮打开原文）：",
        "最接近的是這幾處（按鈕打開原文）：",
        "The closest they come (the buttons open the text):",
    ),
    "uncovered.tips": (
        "• /docs 看看收录了哪些文献\n• 如果只是说法不同，可以换一种说法再问，如 {example}",
        "• /docs 看看收錄了哪些文獻\n• 如果只是說法不同，可以換一種說法再問，如 {example}",
        "• /docs lists the documents\n"
        "• if it is only the wording, try other words, such as {example}",
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
    "quote.by": ("— {speaker}", "— {speaker}", "— {speaker}"),
    "quote.by_kind": ("— {speaker}（{kind}）", "— {speaker}（{kind}）", "— {speaker} ({kind})"),
    "quote.kind.reported": ("据报道，转述", "據報道，轉述", "reported"),
    "quote.kind.indirect": ("转述其曾说的话", "轉述其曾說的話", "reported, said earlier"),
    "quote.kind.epigraph": ("题记", "題記", "epigraph"),
    "verify.kind.direct": (
        "💬 这是{speaker}的原话（直接引语）。",
        "💬 這是{speaker}的原話（直接引語）。",
        "💬 These are {speaker}'s own words (a direct quotation).",
    ),
    "verify.kind.epigraph": (
        "💬 这是{speaker}的原话（题记）。",
        "💬 這是{speaker}的原話（題記）。",
        "💬 These are {speaker}'s own words (an epigraph).",
    ),
    "verify.kind.reported": (
        "📝 语料中这是对{speaker}讲话的转述，没有引号，未必是原话。",
        "📝 語料中這是對{speaker}講話的轉述，沒有引號，未必是原話。",
        "📝 The corpus reports this as what {speaker} said, without quotation marks: "
        "not necessarily their own words.",
    ),
    "verify.kind.indirect": (
        "📝 语料中这是对{speaker}曾说过的话的转述，没有引号，未必是原话。",
        "📝 語料中這是對{speaker}曾說過的話的轉述，沒有引號，未必是原話。",
        "📝 The corpus reports this as something {speaker} said earlier, without quotation "
        "marks: not necessarily their own words.",
    ),
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
    "source.converted": (
        "ℹ️ 原文为{script}，此处按本聊天的字体设置转换显示；段落编号指向原文。",
        "ℹ️ 原文為{script}，此處按本聊天的字體設定轉換顯示；段落編號指向原文。",
        "ℹ️ The original is in {script} characters, converted here to this chat's script; the "
        "passage id points to the original.",
    ),
    "source.flagged": (
        "⚠️ 此段原文有乱码，引用前请核对原件。",
        "⚠️ 此段原文有亂碼，引用前請核對原件。",
        "⚠️ This passage contains garbled characters; check the original before quoting.",
    ),
    "source.edited": (
        "✏️ 段落 <code>{old}</code> 在重新收录时改动了，下面是现在的文字（<code>{new}</code>）。",
        "✏️ 段落 <code>{old}</code> 在重新收錄時改動了，下面是現在的文字（<code>{new}</code>）。",
        "✏️ Passage <code>{old}</code> changed when the corpus was re-ingested; this is its "
        "text now (<code>{new}</code>).",
    ),
    "source.removed": (
        "✏️ 段落 <code>{old}</code> 已从文献中删去，下面是现在位于该处的段落"
        "（<code>{new}</code>）。",
        "✏️ 段落 <code>{old}</code> 已從文獻中刪去，下面是現在位於該處的段落"
        "（<code>{new}</code>）。",
        "✏️ Passage <code>{old}</code> was removed from its document; this is the passage now "
        "in its place (<code>{new}</code>).",
    ),
    # After source.edited / source.removed when the old text is known (an index built from
    # the shipped id record alone knows only its hash).
    "source.was": ("原来是：{text}", "原來是：{text}", " It read: {text}"),
    "source.lines": ("原文第 {start}–{end} 行", "原文第 {start}–{end} 行", "lines {start}–{end}"),
    "docs.header": ("📚 <b>收录的文献</b>", "📚 <b>收錄的文獻</b>", "📚 <b>Documents</b>"),
    "docs.passages": ("{count} 段", "{count} 段", "{count} passages"),
    "docs.footer": (
        "用 <code>/source d0.p1</code> 查看某段原文。",
        "用 <code>/source d0.p1</code> 查看某段原文。",
        "Use <code>/source d0.p1</code> to read a passage.",
    ),
    "about.skipped": (
        "⚠️ 上次更新未收录 {count} 个文件（其余文献照常可查）：",
        "⚠️ 上次更新未收錄 {count} 個文件（其餘文獻照常可查）：",
        "⚠️ The last update left out {count} file(s); the rest of the corpus serves:",
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
    "script.auto": ("跟随提问", "跟隨提問", "like the question"),
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
    "error.state": (
        "现在无法保存，什么也没有改动；维护者已收到通知。",
        "現在無法儲存，什麼也沒有改動；維護者已收到通知。",
        "Nothing can be saved right now, and nothing was changed; the maintainers have been told.",
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
    # Fact cards
    "cmd.card": (
        "事实卡片：起草、修改、置顶",
        "事實卡片：起草、修改、置頂",
        "Fact cards: draft, edit, pin",
    ),
    "cmd.cards": ("本群的事实卡片", "本群的事實卡片", "This chat's fact cards"),
    "cards.usage.card": (
        "🗂 <b>事实卡片</b>（管理员可用）\n"
        "<code>/card 话题</code> — 用语料起草一张卡片；回复我的答案发 <code>/card</code> 也可以\n"
        "<code>/card new 标题 | 事实 | 事实</code> — 手写一张卡片\n"
        "<code>/card edit 12 title 新标题</code>、<code>fact 2 …</code>、<code>quote …</code>\n"
        "<code>/card cite 12 d0.p26</code> · <code>/card history 12</code> · "
        "<code>/card restore 12 3</code>\n"
        "<code>/card pin 12</code>、<code>unpin</code>、<code>lock</code>、<code>unlock</code>、"
        "<code>delete</code>、<code>undelete</code>\n/cards — 全部卡片 · /cards log — 操作记录",
        "🗂 <b>事實卡片</b>（管理員可用）\n"
        "<code>/card 話題</code> — 用語料起草一張卡片；回覆我的答案發 <code>/card</code> 也可以\n"
        "<code>/card new 標題 | 事實 | 事實</code> — 手寫一張卡片\n"
        "<code>/card edit 12 title 新標題</code>、<code>fact 2 …</code>、<code>quote …</code>\n"
        "<code>/card cite 12 d0.p26</code> · <code>/card history 12</code> · "
        "<code>/card restore 12 3</code>\n"
        "<code>/card pin 12</code>、<code>unpin</code>、<code>lock</code>、<code>unlock</code>、"
        "<code>delete</code>、<code>undelete</code>\n/cards — 全部卡片 · /cards log — 操作記錄",
        "🗂 <b>Fact cards</b> (for moderators)\n"
        "<code>/card topic</code> — draft a card from the corpus; or reply <code>/card</code> "
        "to one of my answers\n<code>/card new Title | fact | fact</code> — write one by hand\n"
        "<code>/card edit 12 title New title</code>, <code>fact 2 …</code>, "
        "<code>quote …</code>\n<code>/card cite 12 d0.p26</code> · "
        "<code>/card history 12</code> · <code>/card restore 12 3</code>\n"
        "<code>/card pin 12</code>, <code>unpin</code>, <code>lock</code>, <code>unlock</code>, "
        "<code>delete</code>, <code>undelete</code>\n"
        "/cards — all cards · /cards log — who did what",
    ),
    "cards.usage.new": (
        "手写卡片：<code>/card new 标题 | 第一条事实 | 第二条事实</code>（1–3 条事实，用 | 分隔）",
        "手寫卡片：<code>/card new 標題 | 第一條事實 | 第二條事實</code>（1–3 條事實，用 | 分隔）",
        "A card by hand: <code>/card new Title | first fact | second fact</code> (1–3 facts, "
        "separated by |)",
    ),
    "cards.usage.edit": (
        "修改卡片：<code>/card edit 12 title 新标题</code>、"
        "<code>/card edit 12 fact 2 新事实</code>"
        "、<code>/card edit 12 quote 原文</code>；用 <code>-</code> 删除。回复卡片时可省略编号。",
        "修改卡片：<code>/card edit 12 title 新標題</code>、"
        "<code>/card edit 12 fact 2 新事實</code>"
        "、<code>/card edit 12 quote 原文</code>；用 <code>-</code> 刪除。回覆卡片時可省略編號。",
        "Edit a card: <code>/card edit 12 title New title</code>, <code>/card edit 12 fact 2 "
        "text</code>, <code>/card edit 12 quote words</code>; <code>-</code> removes. Replying "
        "to the card, leave out the number.",
    ),
    "cards.usage.cite": (
        "添加出处：<code>/card cite 12 d0.p26</code>；"
        "去掉出处：<code>/card uncite 12 d0.p26</code>",
        "添加出處：<code>/card cite 12 d0.p26</code>；"
        "去掉出處：<code>/card uncite 12 d0.p26</code>",
        "Cite a passage: <code>/card cite 12 d0.p26</code>; drop one: "
        "<code>/card uncite 12 d0.p26</code>",
    ),
    "cards.usage.restore": (
        "恢复旧版：<code>/card restore 12 3</code>（版本见 <code>/card history 12</code>）",
        "恢復舊版：<code>/card restore 12 3</code>（版本見 <code>/card history 12</code>）",
        "Restore a version: <code>/card restore 12 3</code> (see <code>/card history 12</code>)",
    ),
    "cards.which": (
        "请写上卡片编号（如 <code>/card pin 12</code>），或用命令回复那张卡片。",
        "請寫上卡片編號（如 <code>/card pin 12</code>），或用指令回覆那張卡片。",
        "Add the card's number (<code>/card pin 12</code>), or send the command as a reply to "
        "the card.",
    ),
    "cards.no_answer": (
        "这条消息里没有可用的出处。请回复我的某个答案，或写上话题：<code>/card 金砖扩员</code>",
        "這則訊息裡沒有可用的出處。請回覆我的某個答案，或寫上話題：<code>/card 金磚擴員</code>",
        "That message cites nothing I can use. Reply to one of my answers, or add a topic: "
        "<code>/card BRICS expansion</code>",
    ),
    "cards.state.draft": ("📝 草稿", "📝 草稿", "📝 Draft"),
    "cards.state.pinned": ("📌 已置顶", "📌 已置頂", "📌 Pinned"),
    "cards.state.deleted": ("🗑 已删除", "🗑 已刪除", "🗑 Deleted"),
    "cards.state.locked": ("🔒 已锁定", "🔒 已鎖定", "🔒 Locked"),
    "cards.state.stale": (
        "⚠️ 出处已变（{pids}）",
        "⚠️ 出處已變（{pids}）",
        "⚠️ Source changed ({pids})",
    ),
    "cards.state.uncited": ("尚无出处", "尚無出處", "no citations yet"),
    "cards.button.pin": ("📌 置顶", "📌 置頂", "📌 Pin"),
    "cards.button.edit": ("✏️ 修改", "✏️ 修改", "✏️ Edit"),
    "cards.button.disc": ("🗑 放弃", "🗑 捨棄", "🗑 Discard"),
    "cards.button.unpin": ("📍 取消置顶", "📍 取消置頂", "📍 Unpin"),
    "cards.button.repin": ("📌 重新置顶", "📌 重新置頂", "📌 Pin again"),
    "cards.edit_help": (
        "✏️ <b>修改卡片 #{card_id}</b>（第 {version} 版）\n"
        "<code>/card edit {ref} title 新标题</code>\n"
        "<code>/card edit {ref} fact 1 新的事实</code>\n"
        "<code>/card edit {ref} quote 原文中的一句话</code>\n"
        "<code>/card cite {card_id} d0.p26</code>"
        " 添加出处\n文字写 <code>-</code> 即删除该条事实或引文；也可以回复卡片发 "
        "<code>/card edit title …</code>。",
        "✏️ <b>修改卡片 #{card_id}</b>（第 {version} 版）\n"
        "<code>/card edit {ref} title 新標題</code>\n"
        "<code>/card edit {ref} fact 1 新的事實</code>\n"
        "<code>/card edit {ref} quote 原文中的一句話</code>\n"
        "<code>/card cite {card_id} d0.p26</code>"
        " 添加出處\n文字寫 <code>-</code> 即刪除該條事實或引文；也可以回覆卡片發 "
        "<code>/card edit title …</code>。",
        "✏️ <b>Edit card #{card_id}</b> (version {version})\n"
        "<code>/card edit {ref} title New title</code>\n<code>/card edit {ref} fact 1 New fact"
        "</code>\n<code>/card edit {ref} quote words from the corpus</code>\n"
        "<code>/card cite {card_id} d0.p26</code> adds a citation\nText <code>-</code> removes a "
        "fact or the quote; or reply to the card with <code>/card edit title …</code>.",
    ),
    "cards.note.drafted": (
        "🗂 卡片草稿 #{card_id}：请核对，确认后点 📌 置顶。",
        "🗂 卡片草稿 #{card_id}：請核對，確認後點 📌 置頂。",
        "🗂 Draft card #{card_id}: check it, then press 📌 Pin.",
    ),
    "cards.note.saved": (
        "✅ 已保存为第 {version} 版。",
        "✅ 已儲存為第 {version} 版。",
        "✅ Saved as version {version}.",
    ),
    "cards.note.pinned_edited": (
        "✅ 已保存为第 {version} 版，置顶消息已同步更新。",
        "✅ 已儲存為第 {version} 版，置頂訊息已同步更新。",
        "✅ Saved as version {version}; the pinned message now shows it.",
    ),
    "cards.note.restored": (
        "↩️ 已恢复第 {old} 版，保存为第 {version} 版。",
        "↩️ 已恢復第 {old} 版，儲存為第 {version} 版。",
        "↩️ Version {old} restored as version {version}.",
    ),
    "cards.note.recited": (
        "📎 已接受 {pid} 的现有原文。",
        "📎 已接受 {pid} 的現有原文。",
        "📎 The current text of {pid} is accepted.",
    ),
    "cards.note.pinned": (
        "📌 卡片 #{card_id} 已置顶",
        "📌 卡片 #{card_id} 已置頂",
        "📌 Card #{card_id} is pinned",
    ),
    "cards.note.unpinned": (
        "📍 卡片 #{card_id} 已取消置顶，仍保留为草稿。",
        "📍 卡片 #{card_id} 已取消置頂，仍保留為草稿。",
        "📍 Card #{card_id} is unpinned and kept as a draft.",
    ),
    "cards.note.locked": (
        "🔒 卡片 #{card_id} 已锁定：解锁前不能修改或删除。",
        "🔒 卡片 #{card_id} 已鎖定：解鎖前不能修改或刪除。",
        "🔒 Card #{card_id} is locked: no edits until it is unlocked.",
    ),
    "cards.note.unlocked": (
        "🔓 卡片 #{card_id} 已解锁。",
        "🔓 卡片 #{card_id} 已解鎖。",
        "🔓 Card #{card_id} is unlocked.",
    ),
    "cards.note.deleted": (
        "🗑 卡片 #{card_id} 已删除。管理员可用 <code>/card undelete {card_id}</code> 恢复。",
        "🗑 卡片 #{card_id} 已刪除。管理員可用 <code>/card undelete {card_id}</code> 恢復。",
        "🗑 Card #{card_id} is deleted. A moderator can bring it back with "
        "<code>/card undelete {card_id}</code>.",
    ),
    "cards.note.undeleted": (
        "♻️ 卡片 #{card_id} 已恢复为草稿。",
        "♻️ 卡片 #{card_id} 已恢復為草稿。",
        "♻️ Card #{card_id} is back, as a draft.",
    ),
    "cards.pin_rights": (
        "📌 我还不能置顶消息。请在群组设置中把我设为管理员，并打开“置顶消息”权限"
        "（Pin messages）。卡片 #{card_id} 仍是草稿，授权后再点 📌 置顶。",
        "📌 我還不能置頂訊息。請在群組設定中把我設為管理員，並開啟「置頂訊息」權限"
        "（Pin messages）。卡片 #{card_id} 仍是草稿，授權後再點 📌 置頂。",
        "📌 I cannot pin here yet: make me an admin with the “Pin messages” right in the "
        "group's settings. Card #{card_id} stays a draft; press 📌 Pin once I have it.",
    ),
    "cards.unpin_rights": (
        "我没有“置顶消息”权限，无法取消卡片 #{card_id} 的置顶。请在群组设置中授予此权限。",
        "我沒有「置頂訊息」權限，無法取消卡片 #{card_id} 的置頂。請在群組設定中授予此權限。",
        "I lack the “Pin messages” right, so I cannot unpin card #{card_id}. Please grant it "
        "in the group's settings.",
    ),
    "cards.pin_lost": (
        "⚠️ 卡片 #{card_id}「{title}」的置顶消息已被删除，卡片已改为未置顶。要重新置顶吗？",
        "⚠️ 卡片 #{card_id}「{title}」的置頂訊息已被刪除，卡片已改為未置頂。要重新置頂嗎？",
        "⚠️ The pinned message of card #{card_id} “{title}” was deleted, so the card is no "
        "longer pinned. Pin it again?",
    ),
    "cards.stale.head": (
        "⚠️ <b>卡片 #{card_id}「{title}」的出处已变</b>\n语料更新后，它引用的原文与制作卡片时不同：",
        "⚠️ <b>卡片 #{card_id}「{title}」的出處已變</b>\n語料更新後，它引用的原文與製作卡片時不同：",
        "⚠️ <b>The sources of card #{card_id} “{title}” changed</b>\nAfter a corpus update, "
        "the text it cites is no longer what it was:",
    ),
    "cards.stale.old": ("原来：", "原來：", "Was:"),
    "cards.stale.new": ("现在：", "現在：", "Now:"),
    "cards.stale.gone": (
        "这段原文已不在语料中。",
        "這段原文已不在語料中。",
        "This passage is gone.",
    ),
    "cards.stale.fix": (
        "请核对卡片：<code>/card cite {card_id} {pid}</code> 接受新原文，"
        "或用 <code>/card edit {card_id} …</code> 修改。",
        "請核對卡片：<code>/card cite {card_id} {pid}</code> 接受新原文，"
        "或用 <code>/card edit {card_id} …</code> 修改。",
        "Please check the card: <code>/card cite {card_id} {pid}</code> accepts the new text, "
        "<code>/card edit {card_id} …</code> changes the card.",
    ),
    "cards.list.empty": (
        "本群还没有事实卡片。管理员可以用 <code>/card 话题</code> 起草一张。",
        "本群還沒有事實卡片。管理員可以用 <code>/card 話題</code> 起草一張。",
        "No fact cards here yet. Moderators can draft one with <code>/card topic</code>.",
    ),
    "cards.list.header": (
        "🗂 <b>事实卡片</b>（{count} 张）",
        "🗂 <b>事實卡片</b>（{count} 張）",
        "🗂 <b>Fact cards</b> ({count})",
    ),
    "cards.list.footer": (
        "查看一张卡片：<code>/card show {card_id}</code>",
        "查看一張卡片：<code>/card show {card_id}</code>",
        "Show a card: <code>/card show {card_id}</code>",
    ),
    "cards.list.footer_mod": (
        "查看：<code>/card show {card_id}</code> · 操作记录：/cards log",
        "查看：<code>/card show {card_id}</code> · 操作記錄：/cards log",
        "Show: <code>/card show {card_id}</code> · who did what: /cards log",
    ),
    "cards.history.header": (
        "🕘 <b>卡片 #{card_id} 的版本</b>（现为第 {version} 版）",
        "🕘 <b>卡片 #{card_id} 的版本</b>（現為第 {version} 版）",
        "🕘 <b>Versions of card #{card_id}</b> (now version {version})",
    ),
    "cards.history.footer": (
        "恢复旧版：<code>/card restore {card_id} 版本号</code>",
        "恢復舊版：<code>/card restore {card_id} 版本號</code>",
        "Restore one: <code>/card restore {card_id} version</code>",
    ),
    "cards.log.header": ("📜 <b>卡片操作记录</b>", "📜 <b>卡片操作記錄</b>", "📜 <b>Card log</b>"),
    "cards.log.empty": (
        "还没有任何卡片操作。",
        "還沒有任何卡片操作。",
        "Nothing has happened to cards yet.",
    ),
    "cards.anonymous": ("匿名管理员", "匿名管理員", "anonymous admin"),
    "cards.action.draft": ("起草", "起草", "drafted"),
    "cards.action.new": ("新建", "新建", "created"),
    "cards.action.edit": ("修改", "修改", "edited"),
    "cards.action.cite": ("添加出处", "添加出處", "cited"),
    "cards.action.uncite": ("去掉出处", "去掉出處", "uncited"),
    "cards.action.recite": ("接受新原文", "接受新原文", "accepted new text"),
    "cards.action.restore": ("恢复", "恢復", "restored"),
    "cards.action.pin": ("置顶", "置頂", "pinned"),
    "cards.action.unpin": ("取消置顶", "取消置頂", "unpinned"),
    "cards.action.pin_lost": ("置顶消息被删", "置頂訊息被刪", "pinned message gone"),
    "cards.action.lock": ("锁定", "鎖定", "locked"),
    "cards.action.unlock": ("解锁", "解鎖", "unlocked"),
    "cards.action.delete": ("删除", "刪除", "deleted"),
    "cards.action.undelete": ("恢复删除", "恢復刪除", "undeleted"),
    "cards.action.stale": ("出处已变（已通知）", "出處已變（已通知）", "sources changed (told)"),
    "cards.conflict.head": (
        "⚠️ <b>卡片 #{card_id} 已被修改</b>：你的修改基于第 {base} 版，现在已是第 {current} 版，"
        "所以没有保存。现在的版本：",
        "⚠️ <b>卡片 #{card_id} 已被修改</b>：你的修改基於第 {base} 版，現在已是第 {current} 版，"
        "所以沒有儲存。現在的版本：",
        "⚠️ <b>Card #{card_id} has changed</b>: your edit was based on version {base}, it is "
        "now version {current}, so nothing was saved. The current version:",
    ),
    "cards.conflict.yours": ("你的修改：{attempt}", "你的修改：{attempt}", "Your edit: {attempt}"),
    "cards.conflict.again": (
        "核对后仍要修改，请发：{command}",
        "核對後仍要修改，請發：{command}",
        "To apply it to the current version, send: {command}",
    ),
    # Card refusals (also shown as button alerts: keep them under 200 characters)
    "cards.refused": ("无法完成这个操作。", "無法完成這個操作。", "That cannot be done."),
    "cards.moderators_only": (
        "只有本群管理员可以管理事实卡片；每个人都可以阅读。",
        "只有本群管理員可以管理事實卡片；每個人都可以閱讀。",
        "Only this chat's moderators can manage fact cards; everyone can read them.",
    ),
    "cards.not_found": (
        "这里没有卡片 #{card_id}。发 /cards 查看全部卡片。",
        "這裡沒有卡片 #{card_id}。發 /cards 查看全部卡片。",
        "There is no card #{card_id} here. /cards lists them.",
    ),
    "cards.conflict": (
        "卡片 #{card_id} 已是第 {current} 版，你的修改基于第 {base} 版，没有保存。",
        "卡片 #{card_id} 已是第 {current} 版，你的修改基於第 {base} 版，沒有儲存。",
        "Card #{card_id} is at version {current}; your edit was based on {base} and was not saved.",
    ),
    "cards.deleted": (
        "卡片 #{card_id} 已删除；管理员可用 /card undelete {card_id} 恢复。",
        "卡片 #{card_id} 已刪除；管理員可用 /card undelete {card_id} 恢復。",
        "Card #{card_id} is deleted; /card undelete {card_id} brings it back.",
    ),
    "cards.not_deleted": (
        "卡片 #{card_id} 没有被删除。",
        "卡片 #{card_id} 沒有被刪除。",
        "Card #{card_id} is not deleted.",
    ),
    "cards.locked": (
        "卡片 #{card_id} 已锁定，不能修改或删除。请先 /card unlock {card_id}。",
        "卡片 #{card_id} 已鎖定，不能修改或刪除。請先 /card unlock {card_id}。",
        "Card #{card_id} is locked: no edits or deletion. /card unlock {card_id} first.",
    ),
    "cards.already_pinned": (
        "卡片 #{card_id} 已经置顶了。",
        "卡片 #{card_id} 已經置頂了。",
        "Card #{card_id} is already pinned.",
    ),
    "cards.not_pinned": (
        "卡片 #{card_id} 没有置顶。",
        "卡片 #{card_id} 沒有置頂。",
        "Card #{card_id} is not pinned.",
    ),
    "cards.already_locked": (
        "卡片 #{card_id} 已经锁定了。",
        "卡片 #{card_id} 已經鎖定了。",
        "Card #{card_id} is already locked.",
    ),
    "cards.not_locked": (
        "卡片 #{card_id} 没有锁定。",
        "卡片 #{card_id} 沒有鎖定。",
        "Card #{card_id} is not locked.",
    ),
    "cards.no_title": ("卡片需要一个标题。", "卡片需要一個標題。", "A card needs a title."),
    "cards.no_facts": (
        "卡片至少要有一条事实。",
        "卡片至少要有一條事實。",
        "A card needs at least one fact.",
    ),
    "cards.too_many_facts": (
        "一张卡片最多 {limit} 条事实。",
        "一張卡片最多 {limit} 條事實。",
        "A card has at most {limit} facts.",
    ),
    "cards.too_long": (
        "太长了（{length} 字，上限 {limit} 字）：卡片要在一屏内读完。",
        "太長了（{length} 字，上限 {limit} 字）：卡片要在一屏內讀完。",
        "Too long ({length} characters, at most {limit}): a card must fit one screen.",
    ),
    "cards.too_many_sources": (
        "一张卡片最多引用 {limit} 段原文。",
        "一張卡片最多引用 {limit} 段原文。",
        "A card cites at most {limit} passages.",
    ),
    "cards.bad_fact_number": (
        "没有第 {number} 条事实（这张卡片有 {count} 条）。",
        "沒有第 {number} 條事實（這張卡片有 {count} 條）。",
        "There is no fact {number} (this card has {count}).",
    ),
    "cards.no_such_passage": (
        "找不到段落 <code>{pid}</code>。",
        "找不到段落 <code>{pid}</code>。",
        "There is no passage <code>{pid}</code>.",
    ),
    "cards.not_cited": (
        "卡片 #{card_id} 没有引用 <code>{pid}</code>。",
        "卡片 #{card_id} 沒有引用 <code>{pid}</code>。",
        "Card #{card_id} does not cite <code>{pid}</code>.",
    ),
    "cards.no_such_version": (
        "卡片 #{card_id} 没有第 {version} 版。",
        "卡片 #{card_id} 沒有第 {version} 版。",
        "Card #{card_id} has no version {version}.",
    ),
    "cards.quote_not_verbatim": (
        "引文必须与语料原文一字不差，没有保存。最接近的原文：{found}",
        "引文必須與語料原文一字不差，沒有儲存。最接近的原文：{found}",
        "A quote must be the corpus's exact words; not saved. The closest text: {found}",
    ),
    # Feedback on answers, privacy, and the gaps moderators see
    "cmd.gaps": (
        "本周没答好的问题（管理员）",
        "本週沒答好的問題（管理員）",
        "This week's unanswered questions (moderators)",
    ),
    "cmd.privacy": ("智库保存哪些数据", "智庫保存哪些資料", "What Zhiku keeps"),
    "cmd.forget": ("删除你的反馈记录", "刪除你的回饋記錄", "Delete your feedback"),
    "button.up": ("👍", "👍", "👍"),
    "button.down": ("👎", "👎", "👎"),
    "feedback.new.up": ("谢谢反馈！", "謝謝回饋！", "Thanks for the feedback!"),
    "feedback.new.down": (
        "谢谢，我们会改进这类问题。",
        "謝謝，我們會改進這類問題。",
        "Thanks, we will look into questions like this.",
    ),
    "feedback.ask": (
        "想找的是什么？回复这条消息告诉我（可选，会与问题一起保存，供改进语料）。",
        "想找的是什麼？回覆這條訊息告訴我（可選，會與問題一起保存，供改進語料）。",
        "What were you looking for? Reply to this message to tell me (optional; it is kept "
        "with the question to improve the documents).",
    ),
    "feedback.noted": ("谢谢，已记下。", "謝謝，已記下。", "Thanks, noted."),
    "feedback.changed": ("已更新你的评价。", "已更新你的評價。", "Your vote is updated."),
    "feedback.same": ("已记下你的评价。", "已記下你的評價。", "Your vote is already noted."),
    "feedback.elsewhere": (
        "这个按钮属于另一个对话，未作记录。",
        "這個按鈕屬於另一個對話，未作記錄。",
        "This button belongs to another chat; nothing was recorded.",
    ),
    "privacy.text": (
        "<b>智库保存的数据</b>\n"
        "• 你点 👍/👎 时：提问的文字、回答引用的段落编号、你的评价，以及一个按群加密"
        "散列的用户编号（不存姓名和用户名）。\n"
        "• 点 👎 后你在私聊中回复的“想找的是什么”。\n"
        "• 没找到答案、翻页后离开或点 👎 的提问：提问文字与同样的散列编号，供管理员改进语料。\n"
        "• 评价不会给其他成员看到。发送 /forget 可删除你在所有对话中的这些记录。",
        "<b>智庫保存的資料</b>\n"
        "• 你點 👍/👎 時：提問的文字、回答引用的段落編號、你的評價，以及一個按群加密"
        "雜湊的用戶編號（不存姓名和用戶名）。\n"
        "• 點 👎 後你在私聊中回覆的「想找的是什麼」。\n"
        "• 沒找到答案、翻頁後離開或點 👎 的提問：提問文字與同樣的雜湊編號，供管理員改進語料。\n"
        "• 評價不會給其他成員看到。傳送 /forget 可刪除你在所有對話中的這些記錄。",
        "<b>What Zhiku keeps</b>\n"
        "• When you press 👍/👎: the question, the passage ids of the answer, your vote and "
        "your user id hashed with a secret key, per chat (no name or username).\n"
        '• After a 👎 in a private chat, your reply to "what were you looking for?".\n'
        "• Questions it could not answer, paged past and left, or got 👎: the question and "
        "the same hashed id, so moderators can improve the documents.\n"
        "• Votes are never shown to other members. Send /forget to delete these records in "
        "every chat.",
    ),
    "forget.done": (
        "已删除你的 {count} 条反馈记录（所有对话）。",
        "已刪除你的 {count} 條回饋記錄（所有對話）。",
        "Deleted {count} feedback records of yours (in every chat).",
    ),
    "forget.none": (
        "没有你的反馈记录。",
        "沒有你的回饋記錄。",
        "There are no feedback records of yours.",
    ),
    "gaps.header": (
        "<b>本周没答好的问题</b>（{count} 组）",
        "<b>本週沒答好的問題</b>（{count} 組）",
        "<b>This week's unanswered questions</b> ({count} groups)",
    ),
    "gaps.digest": (
        "<b>每周汇总：没答好的问题</b>（{count} 组，所有对话）",
        "<b>每週彙總：沒答好的問題</b>（{count} 組，所有對話）",
        "<b>Weekly digest: unanswered questions</b> ({count} groups, every chat)",
    ),
    "gaps.none": (
        "本周没有未答或被点 👎 的问题。",
        "本週沒有未答或被點 👎 的問題。",
        "No unanswered or disliked questions this week.",
    ),
    "gaps.item": (
        "{n}. <b>{query}</b> ×{count}",
        "{n}. <b>{query}</b> ×{count}",
        "{n}. <b>{query}</b> ×{count}",
    ),
    "gaps.also": ("又作：{wordings}", "又作：{wordings}", "Also asked as: {wordings}"),
    "gaps.reasons": (
        "没找到 {empty} · 翻页后离开 {paged} · 👎 {disliked}",
        "沒找到 {empty} · 翻頁後離開 {paged} · 👎 {disliked}",
        "nothing found {empty} · paged and left {paged} · 👎 {disliked}",
    ),
    "gaps.best": (
        "现在最相关：{title} <code>{pid}</code>",
        "現在最相關：{title} <code>{pid}</code>",
        "Best passage now: {title} <code>{pid}</code>",
    ),
    "gaps.no_best": (
        "语料中仍没有相关段落",
        "語料中仍沒有相關段落",
        "Still no passage in the documents",
    ),
    "button.gap_card": ("📝 {n} 草拟卡片", "📝 {n} 草擬卡片", "📝 {n} draft a card"),
    "button.gap_dismiss": ("✖ {n} 忽略", "✖ {n} 忽略", "✖ {n} dismiss"),
    "gaps.dismissed": ("已忽略这个问题。", "已忽略這個問題。", "Dismissed."),
    "gaps.gone": (
        "这个问题已处理或不存在。",
        "這個問題已處理或不存在。",
        "This question was already handled or does not exist.",
    ),
    "gaps.moderators_only": (
        "只有管理员可以查看和处理这些问题。",
        "只有管理員可以查看和處理這些問題。",
        "Only moderators can see and handle these questions.",
    ),
}
