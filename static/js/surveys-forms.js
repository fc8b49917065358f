// Shows only the fields that matter for the chosen kind (survey: event; question: answers to choose from).
(function () {
  "use strict";
  function toggle(selectId, targetId, showWhen) {
    var select = document.getElementById(selectId);
    var target = document.getElementById(targetId);
    if (!select || !target) { return; }
    var wrapper = target.closest(".mb-3") || target.parentElement;
    function update() {
      var show = showWhen.indexOf(select.value) !== -1;
      wrapper.classList.toggle("d-none", !show);
    }
    select.addEventListener("change", update);
    update();
  }
  document.addEventListener("DOMContentLoaded", function () {
    toggle("id_kind", "id_choices_text", ["choice"]);
    toggle("id_kind", "id_event", ["evaluation", "follow_up"]);
  });
})();
