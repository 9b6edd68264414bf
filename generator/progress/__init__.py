"""Recorded progress: `mark`, `signoff` and `approve` edit a checklist's status file in place."""
