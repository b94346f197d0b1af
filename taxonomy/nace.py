"""NACE Rev. 2 sections, the economic-activity classification of the EU (Regulation (EC) No 1893/2006).

Employers, programmes and candidates all speak of sectors; the list lives in the lowest layer that all of them may
import.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NACE_SECTIONS = [
    ("A", _("A · Agriculture, forestry and fishing")),
    ("B", _("B · Mining and quarrying")),
    ("C", _("C · Manufacturing")),
    ("D", _("D · Electricity, gas, steam")),
    ("E", _("E · Water supply, waste")),
    ("F", _("F · Construction")),
    ("G", _("G · Wholesale and retail trade")),
    ("H", _("H · Transportation and storage")),
    ("I", _("I · Accommodation and food service")),
    ("J", _("J · Information and communication")),
    ("K", _("K · Financial and insurance")),
    ("L", _("L · Real estate")),
    ("M", _("M · Professional, scientific and technical")),
    ("N", _("N · Administrative and support services")),
    ("O", _("O · Public administration and defence")),
    ("P", _("P · Education")),
    ("Q", _("Q · Human health and social work")),
    ("R", _("R · Arts, entertainment and recreation")),
    ("S", _("S · Other service activities")),
    ("T", _("T · Households as employers")),
    ("U", _("U · Extraterritorial organisations")),
]
