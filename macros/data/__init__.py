"""Stage 1 – data: read the YAML in data/ with positions, check its shape and cross-file rules,
and freeze it into the model. May use: the standard library, PyYAML. Imports no later stage."""
