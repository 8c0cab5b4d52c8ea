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
    // The language changes only with the form's button: a choice that submitted itself on
    // change would be a change of context on input (WCAG 3.2.2).
  });
})();
