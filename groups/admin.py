from django.contrib import admin
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from groups.models import Group, HealthcareRegion, Membership, Person, Region, RegionPopulation


@admin.register(HealthcareRegion)
class HealthcareRegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]


class PopulationInline(admin.TabularInline):
    model = RegionPopulation
    extra = 0


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "healthcare_region"]
    list_filter = ["healthcare_region"]
    inlines = [PopulationInline]


@admin.register(Group)
class GroupAdmin(GuardedModelAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "status", "healthcare_region", "parent"]
    list_filter = ["kind", "status", "healthcare_region"]
    search_fields = ["name"]
    list_select_related = ["healthcare_region", "parent"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "email", "employer"]
    search_fields = ["first_name", "last_name", "email"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "group", "role", "region", "start_date", "end_date"]
    list_filter = ["role", "group__healthcare_region"]
    list_select_related = ["person", "group", "region"]
    search_fields = ["person__last_name", "group__name"]
