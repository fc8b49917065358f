"""Who may see a network (the coordinating centre's staff and the heads of its member schools) and decide
a school's proposal (the centre's staff)."""

from django.apps import apps

from people import roles


def networks_of_school_heads(user):
    return apps.get_model("partnerships", "Network").objects.filter(members__in=roles.headed_school_ids(user)).distinct()


def can_view_network(user, network) -> bool:
    if network.centre_id in roles.centre_ids(user):
        return True
    return network.members.filter(pk__in=roles.headed_school_ids(user)).exists()


def can_decide_proposal(user, proposal) -> bool:
    return proposal.centre_id in roles.centre_ids(user)
