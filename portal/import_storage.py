"""Where the admin keeps an uploaded file between import preview and confirm.

django-import-export writes the upload to temporary storage and sends its
name back through a hidden form field. Its default (the system temp folder)
would let an edited field read or delete any file there; this storage keeps
uploads under MEDIA_ROOT and accepts only the random names it gave out.
"""

import re
from typing import Any

from django.core.exceptions import SuspiciousOperation
from import_export.tmp_storages import MediaStorage

GIVEN_NAME = re.compile(r"[0-9a-f]{32}")


class ImportScratchStorage(MediaStorage):
    def __init__(self, **kwargs: Any) -> None:
        name = kwargs.get("name")
        if name and not GIVEN_NAME.fullmatch(str(name)):
            raise SuspiciousOperation("import file name was not issued by the portal")
        super().__init__(**kwargs)
