// Progressive enhancements only: every page works without JavaScript.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to an error summary so keyboard and screen-reader users hear the errors first.
    var summary = document.querySelector(".ds-error-summary");
    if (summary) { summary.focus(); }
    // Confirmation for destructive or irreversible actions: <form data-confirm="…">.
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
    // Long actions (imports, uploads, large PDFs, sending to many) say that they are working:
    // <form data-busy="…"> or <a data-busy="…">. A form's buttons are disabled once it is on
    // its way, so a second click cannot send it twice.
    function showBusy(anchor, text) {
      var status = anchor.parentNode.querySelector(".busy-status");
      if (!status) {
        status = document.createElement("p");
        status.className = "ds-paragraph busy-status";
        status.setAttribute("role", "status");
        anchor.parentNode.insertBefore(status, anchor.nextSibling);
      }
      status.textContent = text;
      return status;
    }
    document.querySelectorAll("form[data-busy]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (event.defaultPrevented) { return; }
        form.setAttribute("aria-busy", "true");
        showBusy(form.querySelector(".form-actions") || form.lastElementChild, form.getAttribute("data-busy"));
        // After this tick, so the clicked button's name and value are still sent.
        window.setTimeout(function () {
          form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (button) {
            button.disabled = true;
          });
        }, 0);
      });
    });
    document.querySelectorAll("a[data-busy]").forEach(function (link) {
      link.addEventListener("click", function () {
        var status = showBusy(link, link.getAttribute("data-busy"));
        // A download leaves the page where it is; the note goes once the file has had time.
        window.setTimeout(function () { status.textContent = ""; }, 10000);
      });
    });
    // The language changes only with the form's button: a choice that submitted itself on
    // change would be a change of context on input (WCAG 3.2.2).
  });
})();
