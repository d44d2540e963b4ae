"""Models of the municipal survey area."""
