"""A class file inside a zip: Google Forms downloads its responses as ``NAME.csv.zip``.

The zip's directory is read first (:mod:`zipfile`): it must hold one CSV, which must
unpack to at most :data:`~rolequiz.core.cohort.read.limits.MAX_ZIPPED_CSV`; only then is
it read, whole (zipfile stops a member that unpacks to more than the directory says,
and checks its CRC).  Every way this fails is one line in the catalogues' words, never
the library's ("File is not a zip file").  Pure: nothing here prints.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from rolequiz.core.cohort.read.limits import MAX_ZIPPED_CSV, MIB
from rolequiz.errors import InputFileError, msg, os_reason

SUFFIX = ".zip"


def csv_in_zip(path: Path) -> bytes:
    """The bytes of the one CSV in the zip at *path*, or :class:`InputFileError` saying
    why not (not a zip, no CSV or several, too large, damaged)."""
    file = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()
                       and m.filename.lower().endswith(".csv")
                       and not m.filename.startswith("__MACOSX/")]
            if not members:
                raise InputFileError.about(file, msg("forms.zip.no_csv"))
            if len(members) > 1:
                raise InputFileError.about(file, msg(
                    "forms.zip.several", count=len(members),
                    names=", ".join(m.filename for m in members[:3])))
            member = members[0]
            if member.file_size > MAX_ZIPPED_CSV:
                raise InputFileError.about(file, msg(
                    "forms.zip.too_large", size=-(-member.file_size // MIB),
                    limit=MAX_ZIPPED_CSV // MIB))
            with archive.open(member) as handle:
                return handle.read(MAX_ZIPPED_CSV + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise InputFileError.about(file, msg("forms.zip.bad")) from None
    except OSError as error:
        raise InputFileError.about(file, msg("cohort.cannot_read",
                                             reason=os_reason(error))) from None
