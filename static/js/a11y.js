// Where focus goes when a page opens after the person did something: to the error summary after a failed
// submit (its links lead to each field), otherwise to the status message that says what happened
// (registered, sent, decided). Pages without either keep the browser's default.
(function () {
  "use strict";
  function moveFocus() {
    var target = document.querySelector("[data-error-summary]") || document.querySelector("[data-status-message]");
    if (target) {
      target.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", moveFocus);
  } else {
    moveFocus();
  }
})();
