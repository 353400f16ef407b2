"""The rules: RAG status, direction of travel, exceptions, SPC, risk scores and the other rules (pure: no DuckDB, no file reading, no Streamlit)."""
