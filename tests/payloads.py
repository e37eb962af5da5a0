"""The payload corpus of issue 15: text an attacker puts in a URL, a file, a form or stored metadata.

Markdown (link, image), Streamlit directives and icons, HTML (link, image with onerror), plotly markup and
template placeholders, and spreadsheet formulas (=, +, -, @, tab- and CR-prefixed). Every place that shows
outside text must show these as typed: no link, image, request, dialog or live formula.
"""

EVIL_HOST = "evil.example"

PAYLOADS = [
    f"[Session expired - sign in again](http://{EVIL_HOST}/login)",
    f"![p](http://{EVIL_HOST}/pixel.png)",
    ":red[Official] :material/warning: :streamlit: :smile:",
    f"<a href='http://{EVIL_HOST}/'>Official</a>",
    "<img src=x onerror=alert(1)>",
    "=1+2",
    "@SUM(A1:A9)",
    "\t=1+2",
    "\r=1+2",
    f"http://{EVIL_HOST}/autolink www.{EVIL_HOST} a@{EVIL_HOST} <http://{EVIL_HOST}>",
    "$x^2$ **bold** # heading\n- list\n> quote `code` ~~gone~~ | a | b |",
    "%{y} %{customdata[0]} &lt; &amp; -> <- -- >=",
]

#: One short line with every kind of payload, for fields that take one value (a name of at most 60 characters).
SHORT = [
    f"[x](http://{EVIL_HOST}/l)",
    f"![p](http://{EVIL_HOST}/p.png)",
    ":red[Official]",
    f"<a href='http://{EVIL_HOST}/'>Official</a>",
    "<img src=x onerror=alert(1)>",
    "=1+2",
    "@SUM(A1)",
    "\t=1+2",
    "\r=1+2",
]
