"""JSON schemas derived from the intent models."""
