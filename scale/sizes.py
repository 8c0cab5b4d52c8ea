"""How much data each scale makes. National is the issue's figure for the whole country; a
region is about a sixth of it; demo is small enough for the tests."""

from __future__ import annotations

from dataclasses import dataclass, replace

# Bump when the generated data changes shape: `make bench` keys its saved database by it.
GENERATOR_VERSION = 2  # 2: dispatches


@dataclass(frozen=True)
class Scale:
    name: str
    groups: int
    people: int
    memberships: int
    commissions: int
    meetings: int
    # Seats the demo logins get (per login) in generated groups.
    login_seats: int

    def times(self, factor: int) -> Scale:
        """A larger scale of the same shape (the tests' second size)."""
        return replace(
            self,
            name=f"{self.name}x{factor}",
            groups=self.groups * factor,
            people=self.people * factor,
            memberships=self.memberships * factor,
            commissions=self.commissions * factor,
            meetings=self.meetings * factor,
            login_seats=self.login_seats * factor,
        )


SCALES = {
    "demo": Scale("demo", 24, 300, 480, 12, 720, 3),
    "region": Scale("region", 333, 4_200, 6_700, 170, 20_000, 12),
    "national": Scale("national", 2_000, 25_000, 40_000, 1_000, 120_000, 40),
}
