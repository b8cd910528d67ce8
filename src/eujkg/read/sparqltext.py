"""What a SPARQL text is, read without a parser: its form (SELECT, ASK, CONSTRUCT, DESCRIBE), and
whether it is an update. Shared by the server (to refuse early) and the remote backend (to choose
media types). Security checks do not rely on this: SERVICE is refused on the parsed query
(eujkg.read.guard)."""

import re

_NOISE = re.compile(r'''(?sx)
    "{3}.*?"{3} | '{3}.*?'{3}                     # long strings
  | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'     # short strings
  | <[^<>"{}|^`\\\s]*>                            # IRIs
  | \#[^\n]*                                      # comments
''')
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_UPDATE = re.compile(r"^\s*(?:(?:BASE|PREFIX\s+[^\s:]*:)\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
                     re.IGNORECASE)


def skeleton(query: str) -> str:
    """The query without strings, IRIs and comments: keywords, names and punctuation remain."""
    return _NOISE.sub(" ", query)


def is_update(query: str) -> bool:
    return bool(_UPDATE.match(skeleton(query)))


def form_of(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; None if the text is none of them."""
    match = _FORM.search(skeleton(query))
    return match.group(1).upper() if match else None
