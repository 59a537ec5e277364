"""Counter: the click & collect counter app for a small shop selling through a marketplace."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("counter-app")
except PackageNotFoundError:  # running from a frozen bundle or an uninstalled checkout
    __version__ = "0.1.0"
