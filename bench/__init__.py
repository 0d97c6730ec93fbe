"""``make bench``: server times and query counts at the sizes the issues name."""
