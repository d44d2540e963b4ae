"""Messages of the plain modules, in the language of whoever reads them.

Modules without Django (the customs reader, the date notations, the survey's
municipality matching) write each message for staff as a Japanese msgid
through ``gettext`` from here, imported as ``_`` as Django code does, and
fill in its values with ``%``; the English is in
``locale/en/LC_MESSAGES/django.po`` with the rest of the portal's. When
Django starts, ``IndicatorsConfig.ready`` hands this module Django's own
``gettext``, so a message comes out in the language active where it is
made (the reader's request, or Japanese in a command). Without Django, as
in a script that uses the customs reader alone, messages stay in Japanese.

A message kept in a constant is marked with ``gettext_noop`` and
translated where it is used, as the language is known only then.
"""

from collections.abc import Callable

Translate = Callable[[str], str]


def _untranslated(message: str) -> str:
    return message


_translate: Translate = _untranslated


def use_catalogue(translate: Translate) -> None:
    """Translate messages with ``translate`` (Django's ``gettext``) from now on."""
    global _translate
    _translate = translate


def gettext(message: str) -> str:
    """``message``, a Japanese msgid, in the active language."""
    return _translate(message)


def gettext_noop(message: str) -> str:
    """Marks a msgid kept for later translation; returns it as it is."""
    return message
