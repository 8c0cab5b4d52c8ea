// Dragging agenda items into a new order: an enhancement of the "Flytta upp/ned" buttons,
// which stay for keyboard users and without JavaScript. A drop posts the same form the
// buttons do (the item's new place, 1 = first); the server renumbers and the page reloads.
(function () {
  "use strict";

  function csrfToken(root) {
    var input = root.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function post(url, position, token) {
    var form = document.createElement("form");
    form.method = "post";
    form.action = url;
    [["csrfmiddlewaretoken", token], ["position", String(position)]].forEach(function (pair) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = pair[0];
      input.value = pair[1];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
  }

  function setUp(body) {
    var dragged = null;
    var start = 0;
    var rows = function () {
      return Array.prototype.slice.call(body.querySelectorAll("tr[data-move-url]"));
    };
    rows().forEach(function (row) {
      row.draggable = true;
      row.classList.add("agenda-row--draggable");
      row.addEventListener("dragstart", function (event) {
        dragged = row;
        start = rows().indexOf(row);
        row.classList.add("agenda-row--dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.id);
      });
      row.addEventListener("dragover", function (event) {
        if (!dragged || dragged === row) { return; }
        event.preventDefault();
        var box = row.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        body.insertBefore(dragged, after ? row.nextSibling : row);
      });
      row.addEventListener("drop", function (event) { event.preventDefault(); });
      row.addEventListener("dragend", function () {
        row.classList.remove("agenda-row--dragging");
        dragged = null;
        var position = rows().indexOf(row);
        if (position !== start) {
          post(row.getAttribute("data-move-url"), position + 1, csrfToken(body));
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-agenda-reorder]").forEach(setUp);
  });
})();
