"""Helpers the tests share: projects and how to run the tools on them (projects), what a page
must show (content), the bad-input cases (badcases), Chromium (browser), the third-party
checkers (checkers), PDFs read back (pdfs), and the pytest plugin that keeps the `build` and
`browser` marks true (marks). Fixtures live in tests/conftest.py."""
