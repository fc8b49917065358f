// Adds a session row to the event form from the <template> (no inline scripts: Content-Security-Policy).
(function () {
  "use strict";
  var button = document.getElementById("add-session");
  if (!button) { return; }
  button.addEventListener("click", function () {
    var prefix = button.dataset.prefix;
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById("session-empty-form");
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    document.getElementById("session-forms").appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input");
    if (first) { first.focus(); }
  });
})();
