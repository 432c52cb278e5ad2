"""A room of newskg (described in the next commit)."""
