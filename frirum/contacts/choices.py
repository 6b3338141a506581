"""Fixed code lists of the interchange format (not editable: reports depend on them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video")
    CHAT = "chat", _("Chat")
    MAIL = "mail", _("Mail")
    SMS = "sms", _("SMS")
    OTHER = "other", _("Other")


class ContactKind(models.TextChoices):
    COUNSELLING = "counselling", _("Counselling")
    GROUP = "group", _("Group")


class EducationStatus(models.TextChoices):
    IN_EDUCATION = "in_education", _("In education")
    IN_EDUCATION_SICK_LEAVE = "in_education_sick_leave", _("In education, on sick leave")
    EMPLOYED = "employed", _("Employed")
    NEITHER = "neither", _("Neither in education nor employed")
    UNKNOWN = "unknown", _("Unknown")


class DropoutRisk(models.TextChoices):
    NONE = "none", _("None")
    LOW = "low", _("Low")
    SOME = "some", _("Some")
    HIGH = "high", _("High")
    UNKNOWN = "unknown", _("Unknown")


class OutreachKind(models.TextChoices):
    SCHOOL = "school", _("School")
    YOUTH_EDUCATION = "youth_education", _("Youth education")
    CLUB = "club", _("Club")
    EVENT = "event", _("Event")
    OTHER = "other", _("Other")
