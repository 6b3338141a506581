"""The young person's chat token: the only key to their chat, held by their page.

It is random (256 bits), travels only inside the WebSocket's first message and the page's
own storage (never an address, so never a log line), and is stored only as its SHA-256: a
copy of the database cannot open anyone's chat. A fast hash is enough for 256 random bits.
"""

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
