"""What each command does, as functions with typed arguments; `generator.cli` only parses and calls them."""
