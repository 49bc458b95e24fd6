"""The content lint: reading grade, claims, safety sections; and the editorial status page."""
