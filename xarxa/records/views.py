"""Pages of the records app: thin adapters over services and selectors."""
