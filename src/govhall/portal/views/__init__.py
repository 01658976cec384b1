"""Portal pages (presentation only): each view reads through selectors and renders a template."""
