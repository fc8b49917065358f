from django.contrib import admin

from .models import Network, PartnerProvider, Project, SchoolEventProposal

admin.site.register([PartnerProvider, Network, Project, SchoolEventProposal])
