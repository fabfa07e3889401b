/* «Velg alle»: a checkbox that ticks every box of its form. Without JavaScript the label stays
   hidden and the form's own buttons (approve all submitted, acknowledge the whole group) work. */
(function () {
  "use strict";
  document.querySelectorAll("[data-select-all]").forEach(function (all) {
    var form = all.closest("form");
    if (!form) {
      return;
    }
    var name = all.getAttribute("data-select-all");
    var boxes = function () {
      return Array.prototype.slice.call(
        form.querySelectorAll('input[type="checkbox"][name="' + name + '"]')
      );
    };
    var sync = function () {
      var ticked = boxes().filter(function (box) { return box.checked; }).length;
      all.checked = ticked > 0 && ticked === boxes().length;
      all.indeterminate = ticked > 0 && ticked < boxes().length;
    };
    if (boxes().length === 0) {
      return;
    }
    all.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
    });
    form.addEventListener("change", function (event) {
      if (event.target !== all) {
        sync();
      }
    });
    var label = all.closest("[data-select-all-label]");
    if (label) {
      label.hidden = false;
    }
    var fallback = form.querySelector("[data-select-fallback]");
    if (fallback) {
      fallback.hidden = true;
    }
    sync();
  });
})();
