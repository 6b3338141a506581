"""E-mail addresses (also spelled out or spaced), social-media handles and profile links."""

import re

from frirum.lib.anonymity.findings import Finding

_TLDS = (
    "com|dk|net|org|se|no|de|eu|io|me|info|nu|co|uk|biz|edu|gov|live|online|app|fr|nl|fi|is|gl"
    "|fo|ch|at|be|pl|es|it|tv|gg|ly|cc|us|ca|xyz|email|mail"
)
_AT_SIGN = r"\s*@\s*"
_AT_BRACKETED = r"\s*[(\[{<]\s*(?:at|snabel-?a|a|@)\s*[)\]}>]\s*"
_AT_WORD = r"\s+(?:at|snabel-?a|snabela|alfa|et-tegn)\s+"
_DOT_TIGHT = r"\."
_DOT_SPACED = r"\s+\.\s*|\s*\.\s+"
_DOT_WORD = r"\s*[(\[{<]\s*(?:dot|punktum|prik|punkt)\s*[)\]}>]\s*|\s+(?:dot|punktum|prik|punkt)\s+"
_DOT = rf"(?:{_DOT_TIGHT}|{_DOT_SPACED}|{_DOT_WORD})"
_LABEL = r"[\w-]+"
_EMAIL = re.compile(
    rf"(?i)[\w.+-]+(?P<at>{_AT_SIGN}|{_AT_BRACKETED}|{_AT_WORD})"
    rf"{_LABEL}(?:{_DOT}{_LABEL})*?(?P<dot>{_DOT})(?P<tld>{_TLDS})(?![\w])"
)
# "navn@gmail" without the ending is still an address.
_PROVIDERS = "gmail|hotmail|outlook|live|yahoo|icloud|protonmail|proton|msn|jubii|mail|me|yandex"
_EMAIL_PROVIDER = re.compile(rf"(?i)[\w.+-]+(?:{_AT_SIGN}|{_AT_BRACKETED})(?:{_PROVIDERS})\b")

_PLATFORMS = (
    r"snap|snapchat|sc|insta|instagram|ig|tiktok|tik tok|tik-tok|discord|facebook|fb|messenger"
    r"|twitter|telegram|whatsapp|whats app|signal|threads|bereal|twitch|youtube|yt|steam|reddit"
    r"|kik|skype|psn|xbox|roblox|fortnite|epic|linkedin|pinterest|tumblr|vsco|wechat|viber"
)
# "snap: mads_j99", "insta = @mads", "X: madsj": after a colon, a handle-looking word, an
# @name, or a lone word that ends the text or a clause ("snap: madsj, skriv til ham"). Not
# "Snap: bruger det hele dagen", which is a sentence about Snapchat.
_HANDLE_AFTER_COLON = re.compile(
    rf"(?i)(?:\b(?:{_PLATFORMS})|\bX)\s*(?:[:=]|->)\s*"
    r"(?:@[\w.]{2,}|[\w.]*[A-Za-z][\w]*[_\d.][\w.]*|[\w]{2,}(?=\s*(?:$|[,;)(\]!?]|\.(?:\s|$))))"
)
# "snap mads_j99", "hans insta er mads.j", "tiktok hedder @mads": a handle-looking word.
_HANDLE_AFTER_WORD = re.compile(
    rf"(?i)\b(?:{_PLATFORMS})\s+(?:(?:er|hedder|heder|navn|name|is|brugernavn|username|som|på|as)"
    r"\s+)?\(?(?:@[\w.]{2,}|[A-Za-z][\w]*(?:[_.\d][\w.]*)|\d+[A-Za-z_][\w.]*)"
)
# "hun hedder kim__dk på insta"
_HANDLE_BEFORE_PLATFORM = re.compile(
    rf"(?i)@?\b[A-Za-z][\w.]*[_\d][\w.]*\s+(?:på|on|i|in)\s+(?:{_PLATFORMS})\b"
)
_DISCORD_TAG = re.compile(r"(?<![\w#])[A-Za-z][\w.]{1,31}#\d{4}(?!\d)")
_AT_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}")
_SOCIAL_DOMAINS = (
    r"instagram\.com|instagr\.am|tiktok\.com|vm\.tiktok\.com|snapchat\.com|facebook\.com|fb\.com"
    r"|fb\.me|m\.me|discord\.gg|discord\.com|discordapp\.com|twitter\.com|x\.com|t\.me"
    r"|wa\.me|youtube\.com|youtu\.be|twitch\.tv|linkedin\.com|reddit\.com|threads\.net"
    r"|pinterest\.com|vsco\.co|steamcommunity\.com|roblox\.com"
)
_SOCIAL_LINK = re.compile(rf"(?i)(?:https?://)?(?:www\.|m\.)?(?:{_SOCIAL_DOMAINS})\s*/\s*\S+")
# Any link with a path: a profile, a shared document, a post: it may well point at a person.
_LINK_WITH_PATH = re.compile(
    rf"(?i)(?:https?://\S+/\S+|(?:https?://|www\.)?[\w-]+(?:\.[\w-]+)*\.(?:{_TLDS})/[\w@~%+-]\S*)"
)


PLATFORM_WORDS = frozenset(
    _PLATFORMS.replace("|", " ").replace("tik tok", "tik").replace("whats app", "whats").split()
)
_EMAIL_WORDS = frozenset("snabel snabela dot punktum prik".split())
_TLD_AFTER_DOT = re.compile(rf"(?i)\.\s*(?:{_TLDS})\b")


def may_hold_email(text: str, words: set[str]) -> bool:
    """A cheap test before the e-mail patterns: an '@', a spelled dot or a domain ending."""
    return "@" in text or bool(words & _EMAIL_WORDS) or bool(_TLD_AFTER_DOT.search(text))


def find_emails(text: str) -> list[Finding]:
    found = []
    for match in _EMAIL.finditer(text):
        at, dot = match.group("at"), match.group("dot")
        # " at " is also Danish ("lovede at ringe. Se..."): only with a spelled or tight dot.
        if at.strip().lower() in ("at", "alfa") and re.fullmatch(_DOT_SPACED, dot):
            continue
        if (
            at.strip().lower() in ("at", "alfa")
            and match.group("tld") != match.group("tld").lower()
        ):
            continue
        found.append(Finding("email", "email.address", *match.span()))
    if not found:
        for match in _EMAIL_PROVIDER.finditer(text):
            found.append(Finding("email", "email.provider", *match.span()))
    return found


def find_social(text: str, words: set[str], taken: list[Finding]) -> list[Finding]:
    patterns = []
    if "/" in text:
        patterns.append(("social.link", _SOCIAL_LINK))
    if words & PLATFORM_WORDS or "X" in text:
        patterns += [("social.handle", _HANDLE_AFTER_COLON), ("social.handle", _HANDLE_AFTER_WORD)]
        patterns.append(("social.handle", _HANDLE_BEFORE_PLATFORM))
    if "@" in text:
        patterns.append(("social.at-handle", _AT_HANDLE))
    if "#" in text:
        patterns.append(("social.discord-tag", _DISCORD_TAG))
    if "/" in text:
        patterns.append(("social.link", _LINK_WITH_PATH))
    found = []
    for rule, pattern in patterns:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(f.start <= start < f.end for f in taken + found):
                continue
            found.append(Finding("social", rule, start, end))
    return found
