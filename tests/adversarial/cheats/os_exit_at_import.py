"""os._exit(0) while being imported: the worker vanishes without a word."""
import os

os._exit(0)
