"""Writes for headspace Family: relatives, family groups, conversations and inquiries.

Each action validates everything first, writes in one transaction and leaves an audit entry.
"""

from frirum.family.actions.conversations import (
    NEW_GROUP,
    ConversationDetails,
    create_family_conversation,
    delete_family_conversation,
    mark_bridging_followed_up,
    update_family_conversation,
    validate_conversation,
)
from frirum.family.actions.deletion import (
    conversations_going_with,
    delete_family_group,
    delete_relative,
    shared_conversation_count,
)
from frirum.family.actions.inquiries import (
    InquiryDetails,
    create_inquiry,
    delete_inquiry,
    update_inquiry,
)
from frirum.family.actions.relatives import (
    NewRelative,
    create_family_group,
    create_relative,
    find_youth_by_code,
    update_family_group,
    update_relative,
)

__all__ = [
    "NEW_GROUP",
    "ConversationDetails",
    "InquiryDetails",
    "NewRelative",
    "conversations_going_with",
    "create_family_conversation",
    "create_family_group",
    "create_inquiry",
    "create_relative",
    "delete_family_conversation",
    "delete_family_group",
    "delete_inquiry",
    "delete_relative",
    "find_youth_by_code",
    "mark_bridging_followed_up",
    "shared_conversation_count",
    "update_family_conversation",
    "update_family_group",
    "update_inquiry",
    "update_relative",
    "validate_conversation",
]
