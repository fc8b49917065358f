// Show the plan for missed lessons only when the event is during lessons.
(function () {
  "use strict";
  var box = document.getElementById("id_during_lessons");
  var plan = document.getElementById("div_id_cover_plan");
  if (!box || !plan) { return; }
  function sync() { plan.classList.toggle("leave-cover-hidden", !box.checked); }
  box.addEventListener("change", sync);
  sync();
}());
