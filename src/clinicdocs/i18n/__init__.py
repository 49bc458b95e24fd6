"""Message files (the fixed texts of pages, per language) and the `Language` that reads them."""
