"""The checklist format: YAML read with locations (load), the declaration of every field (schema),
the typed model it builds (model), the cross-file rules (validate) and readiness computed from it."""
