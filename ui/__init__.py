"""Streamlit glue for the pages: caching (cached.py), session and URL state (state.py), widgets (components.py)."""
