"""Loaders of the embedded sample and of the official ESCO and O*NET downloads."""

from ._base import clear_data_home, get_data_home
from .esco import load_esco
from .extension import read_extension
from .fetchers import fetch, fetch_bls, fetch_cbs, fetch_eurostat, fetch_onet
from .onet import load_onet
from .sample import load_sample

__all__ = ["load_sample", "load_esco", "load_onet", "read_extension", "get_data_home",
           "clear_data_home", "fetch", "fetch_onet", "fetch_bls", "fetch_cbs", "fetch_eurostat"]
