"""Accessibility statement: the page the 2018 accessibility regulations require."""

from __future__ import annotations

import streamlit as st

from dashboard.state import view
from dashboard.text import md_text
from settings.accessibility import statement

v = view()
st.title("Accessibility statement for Meaningful Measures")
st.markdown(statement(md_text(v.settings.accessibility_contact)))
