"""Tools for curators: spreadsheet templates and their import into Turtle, and diffs between releases."""
