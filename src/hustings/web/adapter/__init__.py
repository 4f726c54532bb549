"""The one layer between the library and the web views.

Modules here call the capability libraries and shape their results for pages and the API
(plain data, map views, cache-friendly JSON). They import nothing from FastAPI or Jinja, so the
API routes (``hustings.web.api``) and the pages (``hustings.web.pages``) stay thin renderers.
"""

from __future__ import annotations

__all__: list[str] = []
