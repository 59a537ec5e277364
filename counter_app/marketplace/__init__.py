"""Marketplace connectors (the interface, Mirakl) and the built-in Mirakl simulator."""
