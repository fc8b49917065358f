// Adds a row to a formset from its <template> (no inline scripts: Content-Security-Policy).
// A button names its formset prefix, the template and the container: data-prefix, data-template, data-target.
(function () {
  "use strict";
  function addRow(button, templateId, targetId) {
    var prefix = button.dataset.prefix;
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(templateId);
    var index = parseInt(total.value, 10);
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
    var row = holder.firstElementChild;
    document.getElementById(targetId).appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input");
    if (first) { first.focus(); }
  }
  var session = document.getElementById("add-session");
  if (session) {
    session.addEventListener("click", function () { addRow(session, "session-empty-form", "session-forms"); });
  }
  document.querySelectorAll("[data-formset-add]").forEach(function (button) {
    button.addEventListener("click", function () {
      addRow(button, button.dataset.template, button.dataset.target);
    });
  });
})();
