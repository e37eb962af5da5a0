"""Outside text is escaped once, for the renderer it meets, and reads back exactly as typed."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard import plaintext
from tests.payloads import PAYLOADS


def _one_line(text: str) -> str:
    """The text as typed, with each run of white space or control characters as one space."""
    return re.sub(r"[\s\x00-\x1f\x7f]+", " ", text)


def _markdown_source_text(escaped: str) -> str:
    """What CommonMark shows for text made only of backslash escapes and plain characters."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped).replace(plaintext.WORD_JOINER, "")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_escapes_every_punctuation_mark_and_reads_back_as_typed(payload):
    escaped = plaintext.markdown(payload)
    unescaped = re.sub(r"\\[!-/:-@\[-`{-~]", "", escaped)
    assert not re.search(r"[!-/:-@\[-`{-~]", unescaped), escaped
    assert "\n" not in escaped and "\r" not in escaped and "\t" not in escaped
    assert _markdown_source_text(escaped) == _one_line(payload)


@given(st.text(st.characters(exclude_characters=plaintext.WORD_JOINER)))
def test_markdown_never_leaves_markup_for_any_text(text):
    escaped = plaintext.markdown(text)
    assert not re.search(r"(?<!\\)[\[\]()<>!:*_`$~|#&]", escaped.replace("\\\\", ""))
    assert not re.search(r":[\w/]", escaped)       # no `:material/x:`, `:streamlit:` or emoji shortcode
    assert _markdown_source_text(escaped) == _one_line(text)


def test_markdown_breaks_shortcodes_addresses_and_arrows_that_streamlit_replaces_after_parsing():
    """Checked in a browser: Streamlit links `www.x.y` and `a@x.y` even when every mark is backslash-escaped."""
    escaped = plaintext.markdown(":material/home: :streamlit: a -> b www.evil.example a@evil.example")
    parsed = escaped.replace("\\", "")   # what the text plugins see: the escapes are gone by then
    for found in (":material/", ":streamlit:", "->", "www.", "@e"):
        assert found not in parsed, found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_and_plotly_leave_no_tag_entity_or_template(payload):
    for escaped in (plaintext.html(payload), plaintext.plotly(payload)):
        assert "<" not in escaped and ">" not in escaped
        assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", escaped)
    assert "%{" not in plaintext.plotly(payload)


def test_plotly_text_reads_back_as_typed_once_plotly_decodes_its_entities():
    payload = "<a href='x'>A & B</a> %{y} 50%"
    escaped = plaintext.plotly(payload)
    assert not re.search(r"\d", escaped.replace("50", ""))   # nothing for the Arabic-Indic digit pass to change
    decoded = escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert decoded.replace(plaintext.WORD_JOINER, "") == payload


def test_problem_messages_escape_what_came_from_the_file_and_nothing_else():
    from dashboard.validation.problems import problem

    found = problem("implausibly_large", row=3, column="[c](http://evil.example)", value="<img src=x>",
                    maximum="1,000")
    shown = found.message("en", plaintext.markdown)
    assert shown.startswith("Row 3, column \\[c\\]\\(http\\:")
    assert "\\<img" in shown and found.message("en").startswith("Row 3, column [c](http://evil.example):")
