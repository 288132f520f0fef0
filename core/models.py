from django.db import models
from django.utils import timezone


class PageGeneration(models.Model):
    """One row every server reads to learn whether the pages it has cached are still current.

    A staff save changes it in the same transaction as the save itself, so the change cannot be
    lost between the database and a cache that refuses writes.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "page cache generation"

    def __str__(self):
        return f"Pages as of {self.changed_at:%Y-%m-%d %H:%M:%S}"
