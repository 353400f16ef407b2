"""Run-time settings and who may do what: environment variables, role mappings, the accessibility contact."""
