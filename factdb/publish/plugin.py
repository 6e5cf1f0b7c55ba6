"""factdb's Datasette plugin (registered by the ``datasette`` entry point)."""
