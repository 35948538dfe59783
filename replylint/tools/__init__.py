"""Build-time tools for working on replylint itself; nothing at run time imports them."""
