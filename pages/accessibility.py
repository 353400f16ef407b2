"""Accessibility statement: the page the 2018 accessibility regulations require."""

from __future__ import annotations

import streamlit as st

from dashboard.links import escape_md
from dashboard.state import view
from settings.accessibility import statement

v = view()
st.title("Accessibility statement for Meaningful Measures")
st.markdown(statement(escape_md(v.settings.accessibility_contact)))
