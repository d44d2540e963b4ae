"""Municipalities, the yearly municipal survey and indicator F."""
