"""Who may see a network: the coordinating centre's staff and the heads of its member schools."""

from people import roles

from .models import Network


def networks_of_school_heads(user):
    return Network.objects.filter(members__in=roles.headed_school_ids(user)).distinct()


def can_view_network(user, network) -> bool:
    if network.centre_id in roles.centre_ids(user):
        return True
    return network.members.filter(pk__in=roles.headed_school_ids(user)).exists()
