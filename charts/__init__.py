"""Plotly figure builders shared by the pages and the exports (no Streamlit here)."""
