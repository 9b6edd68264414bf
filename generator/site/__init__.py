"""The site: the layout (every generated path and URL), the Markdown pages and HTML blocks rendered
from the model, the files written, and the slots filled after the engine built the site."""
