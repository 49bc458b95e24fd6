"""Helpers the tests share: projects and how to run the tools on them (projects), what a page
must show (content), the bad-input cases (badcases), Chromium (browser), the third-party
checkers (checkers) and PDFs read back (pdfs). Fixtures live in tests/conftest.py."""
