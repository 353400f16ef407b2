"""Reading files into the store: the file reader, row models, row and file rules, preview and load."""
