"""The handbook's tooling: one module (or package) per job, one `handbook` command to reach them."""
