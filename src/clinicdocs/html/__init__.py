"""Filters on built HTML pages: compaction, theme markup fixes, print header, fonts, branding."""
