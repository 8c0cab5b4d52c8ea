// Reordering a commission's sections in one step: with JavaScript the "Flytta upp/ned"
// buttons and dragging by the handle move the section on the page at once, renumbering the
// position fields; nothing is sent until the form is saved. Without JavaScript the same
// buttons post the form and the server moves the section, keeping everything typed.
(function () {
  "use strict";

  function items(list) {
    return Array.prototype.filter.call(list.children, function (child) {
      return child.classList.contains("section-form");
    });
  }

  function renumber(list) {
    var rows = items(list);
    rows.forEach(function (row, index) {
      var place = String(index + 1);
      var position = row.querySelector("input[name$='-position']");
      if (position) { position.value = place; }
      row.querySelectorAll("[data-section-number]").forEach(function (span) {
        span.textContent = place;
      });
      row.id = "avsnitt-" + place;
      var up = row.querySelector("[data-section-move=up]");
      var down = row.querySelector("[data-section-move=down]");
      if (up) { up.hidden = index === 0; }
      if (down) { down.hidden = index === rows.length - 1; }
    });
  }

  function announce(list, row) {
    var live = list.parentNode.querySelector("[data-section-announce]");
    if (!live) { return; }
    var rows = items(list);
    live.textContent = list.getAttribute("data-moved-message")
      .replace("%(place)s", String(rows.indexOf(row) + 1))
      .replace("%(count)s", String(rows.length));
  }

  function move(list, row, direction) {
    if (direction === "up" && row.previousElementSibling) {
      list.insertBefore(row, row.previousElementSibling);
    } else if (direction === "down" && row.nextElementSibling) {
      list.insertBefore(row.nextElementSibling, row);
    }
    renumber(list);
    announce(list, row);
  }

  function setUp(list) {
    var dragged = null;
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-section-move]");
      if (!button || !list.contains(button)) { return; }
      event.preventDefault();
      var row = button.closest(".section-form");
      var direction = button.getAttribute("data-section-move");
      move(list, row, direction);
      // Keep the keyboard where it was; at either end the other button takes the focus.
      var next = button.hidden
        ? row.querySelector("[data-section-move=" + (direction === "up" ? "down" : "up") + "]")
        : button;
      if (next && !next.hidden) { next.focus(); }
    });
    items(list).forEach(function (row) {
      var handle = document.createElement("span");
      handle.className = "section-form__handle";
      handle.setAttribute("aria-hidden", "true");
      handle.title = list.getAttribute("data-drag-title") || "";
      handle.textContent = "⠿";
      var legend = row.querySelector("legend");
      legend.insertBefore(handle, legend.firstChild);
      // Only the handle is draggable, so text in the fields can still be selected.
      handle.draggable = true;
      handle.addEventListener("dragstart", function (event) {
        dragged = row;
        row.classList.add("section-form--dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.id);
        event.dataTransfer.setDragImage(row, 0, 0);
      });
      row.addEventListener("dragover", function (event) {
        if (!dragged || dragged === row) { return; }
        event.preventDefault();
        var box = row.getBoundingClientRect();
        list.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? row.nextSibling : row);
      });
      row.addEventListener("drop", function (event) { event.preventDefault(); });
      handle.addEventListener("dragend", function () {
        row.classList.remove("section-form--dragging");
        dragged = null;
        renumber(list);
        announce(list, row);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-section-reorder]").forEach(setUp);
  });
})();
