"""Meaningful Measures domain logic: the store, the loader and the rules (no Streamlit here)."""
