"""Reading images without an engine: history entries, saved archives, what layers contain."""
