"""Text from outside (a URL, a file, a form, stored metadata) shown as text, never as markup.

Three places render markup, each with its own rules, so each has its own function:

- `markdown`: Streamlit's Markdown (st.markdown, st.caption, st.info/warning/error/success, labels, help).
  Every ASCII punctuation mark is backslash-escaped (links, images, emphasis, HTML, autolinks, `$` maths,
  `:color[…]` directives); line breaks and runs of spaces become one space (no headings, lists, tables or code
  blocks); a word joiner (U+2060) follows each colon and @, splits `www.` and arrow pairs,
  because Streamlit replaces `:material/…:`, `:streamlit:` (an image), emoji shortcodes, `www.` and e-mail
  addresses (links) and `->` in the parsed text, where backslashes are already gone.
- `html`: an HTML document (the briefing).
- `plotly`: plotly text (titles, legend and trace names, hover text, category labels): plotly draws a subset of
  HTML (`<a href>`, `<b>`, `<br>`, `<span style>`) and fills `%{…}` in hover templates.

Escape exactly once, where the text meets its renderer: data and downloads keep the original text.
"""

from __future__ import annotations

import html as _html
import re

WORD_JOINER = "\u2060"
_WHITESPACE = re.compile(r"[\s\x00-\x1f\x7f]+")
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_JOIN_AFTER = re.compile(r"([:@])")                # shortcodes, web and e-mail addresses Streamlit links
_JOIN_BEFORE = re.compile(r"(?i)(?<=www)(\.)")      # "www." (a link); other full stops stay as they are
_ARROW_PAIR = re.compile(r"([<\-~>=])(?=[<\-~>=])")   # "->", "<-", "--", ">=", "<=", "~=" become symbols


def markdown(text: object) -> str:
    """`text` for a Streamlit Markdown context: shown exactly as written (one line), nothing rendered."""
    plain = _WHITESPACE.sub(" ", str(text))
    plain = _ARROW_PAIR.sub(r"\1" + WORD_JOINER, plain)
    plain = _JOIN_BEFORE.sub(WORD_JOINER + r"\1", _JOIN_AFTER.sub(r"\1" + WORD_JOINER, plain))
    return _ASCII_PUNCTUATION.sub(r"\\\1", plain)


def html(text: object) -> str:
    """`text` inside an HTML element or a quoted attribute."""
    return _html.escape(str(text), quote=True)


def plotly(text: object) -> str:
    """`text` for a plotly string (title, trace name, hover text, category): tags and entities are shown as typed
    (plotly turns `&amp;`, `&lt;`, `&gt;` back into the characters) and a word joiner splits `%{`, so a hover
    template never fills in a placeholder. No digits are added: the Arabic-Indic digit pass keeps it intact."""
    escaped = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("%{", "%" + WORD_JOINER + "{")
