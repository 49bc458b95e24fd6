"""Data files: the models, reading YAML with source positions, problem wording, checks."""
