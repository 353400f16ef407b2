"""The command line: wires metrics, exports and demo (see cli.commands)."""
