"""Loaders of the embedded sample and of the official ESCO and O*NET downloads."""

from .._lazy import attach
from ._base import clear_data_home, get_data_home

__all__ = ["load_sample", "load_esco", "load_onet", "read_extension", "get_data_home",
           "clear_data_home", "fetch", "fetch_onet", "fetch_bls", "fetch_cbs", "fetch_eurostat"]

# Imported on first use (PEP 562): a command that reads the cache needs no parser.
_LAZY = {"load_esco": ".esco", "load_onet": ".onet", "load_sample": ".sample",
         "read_extension": ".extension", "fetch": ".fetchers", "fetch_onet": ".fetchers",
         "fetch_bls": ".fetchers", "fetch_cbs": ".fetchers", "fetch_eurostat": ".fetchers"}


__getattr__, __dir__ = attach(__name__, _LAZY)
