"""Streamlit glue shared by the pages: the sidebar view, caching and small display helpers."""
