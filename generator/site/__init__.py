"""The site: Markdown pages and HTML blocks from the model, written into docs/, assembled and redirected in the built site."""
