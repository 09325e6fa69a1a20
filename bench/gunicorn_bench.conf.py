"""gunicorn for the benchmarks: its defaults, settings given on the command line."""
