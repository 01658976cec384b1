// 办件 pages: "select all" for the inbox's bulk claim. Works without it (tick boxes one by one).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-select-all]").forEach(function (box) {
      var scope = document.getElementById(box.getAttribute("data-select-all"));
      if (!scope) { return; }
      box.hidden = false;
      box.closest("label") && (box.closest("label").hidden = false);
      box.addEventListener("change", function () {
        scope.querySelectorAll('input[type="checkbox"][name="task"]').forEach(function (item) {
          if (!item.disabled) { item.checked = box.checked; }
        });
      });
    });
  });
})();
