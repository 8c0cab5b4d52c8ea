"""The demo shows the register at work: the seeds' public decision with one confidential
attachment withheld and one personnummer masked."""

import pytest
from django.test import Client
from django.urls import reverse

from governance import demo as governance_demo
from governance.models import Decision
from groups import demo as groups_demo
from public import demo

pytestmark = pytest.mark.django_db


def test_demo_withholds_the_patient_case_and_masks_the_personnummer():
    groups_demo.load()
    governance_demo.load()
    assert demo.load() == 2
    assert demo.load() == 0
    decision = Decision.objects.get(registry_number="RS/1009/2017")

    page = Client().get(reverse("public:decision", args=[decision.pk])).content.decode()

    assert "Sekretessbelagd enligt OSL 25 kap. 1 §" in page
    assert "Bilaga – patientärende" not in page
    assert "Skrivelse från Tolvan Tolvansson, [personnummer dolt]" in page
    assert "19121212-1212" not in page
