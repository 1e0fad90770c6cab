"""Pages of the people app: thin adapters over services and selectors."""
