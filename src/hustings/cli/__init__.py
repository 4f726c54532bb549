"""The command-line interface: thin renderers over the library's result objects."""
