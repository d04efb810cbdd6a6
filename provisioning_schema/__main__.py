"""Run the command line as ``python -m provisioning_schema``."""

from provisioning_schema.cli import main

main()
