"""The dashboard's engine: data, validation, models, charts and translations.

Pure Python. Nothing under this package imports streamlit, so the whole engine is tested with plain
pytest and could move behind another UI unchanged.
"""
