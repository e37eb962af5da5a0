"""Figure builders: each takes frames (and the language) as arguments and returns a plotly Figure."""
