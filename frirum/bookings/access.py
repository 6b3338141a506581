"""Who may do what with a site's bookings. Reading follows the site's records
(frirum.lib.access); marking a booking not met is for those who hold the conversations;
cancelling (releasing) one is for those who may delete the site's records
(frirum.trash.access)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from frirum.accounts.models import Role
from frirum.bookings.models import Booking
from frirum.lib.access import get_site_for_user

# The chief and the counsellors meet the young people; a peer volunteer does not hold
# the conversation alone, and the secretariat reads but meets nobody.
MARKING_ROLES = frozenset(set(Role.values) - {Role.PEER_VOLUNTEER})


def can_mark_bookings(user, site) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.memberships.filter(site=site, is_active=True, role__in=MARKING_ROLES).exists()


def check_may_mark(user, site) -> None:
    if not can_mark_bookings(user, site):
        raise PermissionDenied


def get_booking_for_user(request: HttpRequest, site_code: str, pk) -> Booking:
    """A booking at a site whose records the user reads, or 404."""
    return booking_at_site(request, get_site_for_user(request, site_code), pk)


def booking_at_site(request: HttpRequest, site, pk) -> Booking:
    """The booking `pk` at an already-checked site (the registration form's ?booking=)."""
    if not str(pk).isdigit():
        raise Http404
    booking = Booking.objects.select_related("site").filter(site=site, pk=pk).first()
    if booking is None:
        raise Http404
    return booking
