"""Placeholder page (being built)."""

import streamlit as st

from dashboard.state import view

v = view()
st.title("overview")
st.write(v.period_label)
