from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from frirum.accounts.models import MunicipalityViewer, User
from frirum.lib.access import first_with_memberships, with_active_memberships
from frirum.lib.compiled import CompiledRead
from frirum.lib.params import integer_bounds, parse_int

# Every signed-in request reads this; compiling its joins cost more than running them.
# Whether the user views a municipality's reports comes with it: the menu asks on every
# page, and a counsellor (who does not) would otherwise pay a query for the answer.
_USER_WITH_MEMBERSHIPS = CompiledRead(
    lambda user_id: with_active_memberships(
        User._default_manager.filter(pk=user_id).annotate(
            views_a_municipality=Exists(MunicipalityViewer.objects.filter(user=OuterRef("pk")))
        )
    )
)


class EmailBackend(ModelBackend):
    """Log in by e-mail. Throttling is the sign-in form's (frirum.accounts.throttle): by
    account and address together, never a lock on the account alone."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = (email or username or "").strip().lower()
        if not email or password is None:
            return None
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            # Same cost as a real check, so timing does not reveal which e-mails exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        # With the active memberships in the same query: nearly every page asks which sites
        # the user belongs to (the menu, the site lookup, the record check).
        minimum, maximum = integer_bounds(User._meta.pk)
        user_id = parse_int(user_id, minimum=minimum, maximum=maximum)
        if user_id is None:
            return None
        user = first_with_memberships(_USER_WITH_MEMBERSHIPS.fetch(user_id))
        return user if user is not None and self.user_can_authenticate(user) else None

    # The national secretariat administers everything; others get only explicit permissions.
    def has_perm(self, user_obj, perm, obj=None):
        if user_obj.is_active and getattr(user_obj, "is_secretariat", False):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if user_obj.is_active and getattr(user_obj, "is_secretariat", False):
            return True
        return super().has_module_perms(user_obj, app_label)
