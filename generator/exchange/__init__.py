"""Checklists in and out: Markdown import, JSON/CSV/Markdown export, the alarm -> runbook URL map and its check
against alarm definitions, and PDFs printed from the built site."""
