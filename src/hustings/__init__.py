"""hustings: an open toolkit for winning first-past-the-post elections from the grassroots."""

from hustings.errors import HustingsError

__all__ = ["HustingsError", "__version__"]
__version__ = "0.1.0"
