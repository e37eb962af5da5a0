"""Streamlit glue for the pages: start-up and the error boundary (shell.py), caching (cached.py), session and URL
state (state.py, scenario_state.py), shared widgets (widgets.py), presentation mode (presenting.py), the briefing
download (briefing_download.py; the file itself, built on a click, briefing_file.py), and the render functions of
the larger pages (map_view.py, skills_sections.py, scenario_tabs.py, data_page.py)."""
