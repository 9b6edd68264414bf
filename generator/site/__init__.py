"""The site stage: model -> Markdown pages and HTML blocks, written into docs/, built and assembled."""
