"""The site: the layout (every generated path and URL), the Markdown pages and HTML blocks rendered
from the model, the files written, the slots filled and the redirect pages written after the engine built the site."""
