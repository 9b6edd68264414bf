"""Model -> site: the Markdown pages (render), the HTML blocks of paper (paper), writing them (write) and
filling the blocks into the built site (assemble)."""
