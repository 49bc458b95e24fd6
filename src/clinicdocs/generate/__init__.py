"""Validated data to Markdown pages (`{uri: markdown}`), independent of any site builder."""
