"""What each page shows, one module per page: page scripts in pages/ only compose these calls."""
