"""Printing a built site's handouts and pages to PDF with headless Chromium."""
