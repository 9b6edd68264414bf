"""checklist-site: checklists as YAML in git, published as a MkDocs Material site."""

__version__ = "0.1.0"
