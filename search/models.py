from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One public document the site search can find (hok.searchable.SearchDocument), copied
    from the app that owns it and replaced whenever that changes (search.indexing).

    On PostgreSQL the table also has `document`, a tsvector generated from the title (weight A)
    and body (weight B) with the `hok_swedish` configuration, with a GIN index, and a trigram
    GIN index on `name`; both are made by migration 0002 and are not fields here, so the model
    stays the same on SQLite. On SQLite `terms` holds the lexemes instead (search.text).
    """

    kind = models.CharField(_("typ"), max_length=40)
    scope = models.CharField(_("omfång"), max_length=60)
    key = models.CharField(_("nyckel"), max_length=60)
    title = models.CharField(_("rubrik"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("adress"), max_length=500)
    # The title folded (lower case, no accents) when it is a name; empty otherwise.
    name = models.CharField(_("namn för likhetssökning"), max_length=500, blank=True)
    # SQLite only: " lexeme lexeme … " (search.text.index_terms); empty on PostgreSQL.
    terms = models.TextField(_("sökord"), blank=True)

    class Meta:
        verbose_name = _("sökpost")
        verbose_name_plural = _("sökposter")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="search_entry_unique_key"),
        ]
        indexes = [models.Index(fields=["kind", "scope"], name="search_entry_kind_scope")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
