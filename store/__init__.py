"""The DuckDB file and everything read from or written to it: schema, connections, lock, backups, queries."""
