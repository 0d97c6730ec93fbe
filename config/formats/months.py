"""Month abbreviations as French and Spanish write them, for the short date formats ("j N Y").

Django's own catalogues abbreviate "jan.", "fév." in French and "Ene.", "Feb.", "marzo" in
Spanish; ``N`` reads these messages (context "abbrev. month"), and the translations in our
catalogues (``locale/``) take precedence over Django's. They are written here so that
``makemessages`` keeps them in our catalogues: French "janv. févr. mars avr. mai juin juil. août
sept. oct. nov. déc.", Spanish "ene. feb. mar. abr. may. jun. jul. ago. sept. oct. nov. dic."
English keeps "j M Y" ("5 Jun 2026") and never reads them."""

from django.utils.translation import pgettext_lazy

MONTH_ABBREVIATIONS = [
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
]
