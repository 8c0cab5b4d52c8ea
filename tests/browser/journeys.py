"""What the journeys share: hands that use the mouse or only the keyboard, a look at each page
(axe, the width, a screenshot) and the help screenshots written to static/help/.

`Hands(page, keyboard=True)` never clicks and never fills by locator: it moves the focus with
Tab and Shift+Tab until the element it wants has it (reading `document.activeElement` to know
where the focus is, as a person reads the screen), then types with `page.keyboard.type` and
presses Enter, Space or the arrow keys."""

import io
import os
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import (
    DESKTOP,
    MOBILE,
    SCREENSHOT_DIR,
    assert_accessible,
    assert_fits_width,
    screenshot,
)
from tests.two_factor import token_for, totp_device

HELP_DIR = Path(__file__).resolve().parents[2] / "static" / "help"
MAX_KEY_PRESSES = 400

# 0: the element has the focus; 1: it comes after the focused one; -1: before it.
WHERE_IS_IT = """e => {
  const active = document.activeElement;
  if (active === e) return 0;
  if (!active || active === document.body) return 1;
  return active.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING ? 1 : -1;
}"""
SAME_RADIO_GROUP = """e => {
  const active = document.activeElement;
  return !!active && active !== e && active.type === 'radio' && active.name === e.name;
}"""


class Hands:
    def __init__(self, page, *, keyboard: bool):
        self.page = page
        self.keyboard = keyboard
        self.presses = 0

    # --- moving the focus -----------------------------------------------------------------

    def _press(self, key: str) -> None:
        self.presses += 1
        self.page.keyboard.press(key)

    def focus(self, target) -> None:
        """Tab (or Shift+Tab) until `target` has the focus, arriving from before it, so that a
        date field is entered at its first part."""
        target.wait_for()
        backwards = False
        for _ in range(MAX_KEY_PRESSES):
            where = target.evaluate(WHERE_IS_IT)
            if where == 0 and not backwards:
                return
            if where == 0 or where < 0:
                backwards = True
                self._press("Shift+Tab")
            elif backwards:
                # Passed it going back: one Tab forward enters it from the front.
                backwards = False
                self._press("Tab")
            elif target.evaluate(SAME_RADIO_GROUP):
                self._press("ArrowDown")
            else:
                self._press("Tab")
        raise AssertionError(f"the keyboard never reached {target}")

    # --- acting -----------------------------------------------------------------------------

    def fill(self, target, text: str) -> None:
        if not self.keyboard:
            target.fill(text)
            return
        self.focus(target)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)
        expect(target).to_have_value(text)

    def fill_date(self, target, iso_day: str) -> None:
        """A date field: typed part by part in the order the browser shows them (Chromium's
        headless date field is month, day, year whatever the page's language)."""
        if not self.keyboard:
            target.fill(iso_day)
            return
        year, month, day = iso_day.split("-")
        self.focus(target)
        self.page.keyboard.type(month + day + year)
        expect(target).to_have_value(iso_day)

    def select(self, target, label: str) -> None:
        """A closed list: the arrow keys, from the top, until the option is chosen."""
        if not self.keyboard:
            target.select_option(label=label)
            return
        self.focus(target)
        self._press("Home")
        for _ in range(MAX_KEY_PRESSES):
            if target.evaluate("e => e.options[e.selectedIndex].text.trim()") == label:
                return
            self._press("ArrowDown")
        raise AssertionError(f"no option {label!r} in {target}")

    def check(self, target) -> None:
        if not self.keyboard:
            target.check()
            return
        self.focus(target)
        if not target.is_checked():  # (arrow keys already choose a radio button they move to)
            self._press("Space")
        expect(target).to_be_checked()

    def press(self, target, *, navigates: bool = True) -> None:
        """Follow a link or press a button (Enter); by default wait for the next page, as a
        click does."""
        if not self.keyboard:
            target.click()
            return
        self.focus(target)
        if not navigates:
            self._press("Enter")
            return
        with self.page.expect_navigation():
            self._press("Enter")

    def submit_search(self, target, text: str) -> None:
        """Type into a search field and press Enter there."""
        self.fill(target, text)
        with self.page.expect_navigation():
            if self.keyboard:
                self._press("Enter")
            else:
                target.press("Enter")

    def upload(self, target, path: Path) -> None:
        """A file field: Space opens the file chooser, where the file is picked."""
        if not self.keyboard:
            target.set_input_files(str(path))
            return
        self.focus(target)
        with self.page.expect_file_chooser() as chooser:
            self._press("Space")
        chooser.value.set_files(str(path))

    def login(self, username: str, password: str) -> None:
        page = self.page
        page.goto(f"{page.base_url}/konto/logga-in/")
        self.fill(page.get_by_label("Användarnamn"), username)
        self.fill(page.get_by_label("Lösenord"), password)
        self.press(page.get_by_role("button", name="Logga in"))
        if "/konto/tvafaktor/verifiera/" in page.url:
            from django.contrib.auth import get_user_model

            user = get_user_model().objects.get(username=username)
            self.fill(page.get_by_label("Kod"), token_for(totp_device(user)))
            self.press(page.get_by_role("button", name="Fortsätt"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")

    def logout(self) -> None:
        self.press(self.page.get_by_role("button", name="Logga ut"))
        expect(self.page.get_by_role("heading", level=1)).to_be_visible()


def look(page, name: str, *, keyboard: bool) -> None:
    """axe on the page as it is now, at the width of this run (the mouse at 1280 px, the
    keyboard at 390 px, where nothing may scroll sideways), and a screenshot."""
    assert_accessible(page)
    if keyboard:
        assert_fits_width(page)
    screenshot(page, f"journey-{name}-{'390' if keyboard else '1280'}")


def viewport_for(keyboard: bool) -> dict:
    return MOBILE if keyboard else DESKTOP


def help_screenshot(page, name: str, region=None, *, until=None) -> Path:
    """One of the help pages' pictures, at 1280 px: the viewport, or `region` (a locator),
    or from the top of `region` to the bottom of `until`. Always under var/screenshots, and
    into static/help/ as well with HELP_SCREENSHOTS=write."""
    from PIL import Image

    page.set_viewport_size(DESKTOP)
    page.evaluate("document.querySelectorAll('textarea').forEach(t => { t.scrollTop = 0; })")
    if region is None:
        png = page.screenshot(animations="disabled")
    elif until is None:
        png = region.screenshot(animations="disabled")
    else:
        top, bottom = region.bounding_box(), until.bounding_box()
        frame = page.locator("main").bounding_box()
        scroll = page.evaluate("window.scrollY")
        clip = {
            "x": frame["x"],
            "y": top["y"] + scroll - 8,
            "width": frame["width"],
            "height": bottom["y"] + bottom["height"] - top["y"] + 16,
        }
        png = page.screenshot(full_page=True, clip=clip, animations="disabled")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    # 64 colours keep the text sharp on the portal's flat colours and the file small.
    small = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    targets = [SCREENSHOT_DIR / f"help-{name}.png"]
    if os.environ.get("HELP_SCREENSHOTS") == "write":
        targets.append(HELP_DIR / f"{name}.png")
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        small.save(target, optimize=True)
    return targets[-1]
