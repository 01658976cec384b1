/* 事项管理工作台 — small progressive enhancements. Every page works without this file:
 * "添加" buttons then post the form back with one more empty row.
 *  - inline formsets: clone the empty row from its <template>, renumber it, bump TOTAL_FORMS;
 *  - delete checkboxes: grey out a row marked for deletion;
 *  - error summary: move focus to it so screen-reader users hear that the save failed. */
(function () {
  "use strict";

  function addRow(section) {
    var kind = section.getAttribute("data-formset");
    var total = section.querySelector('input[name="' + kind + '-TOTAL_FORMS"]');
    var template = section.querySelector("template[data-formset-template]");
    var rows = section.querySelector("[data-formset-rows]");
    if (!total || !template || !rows) { return false; }
    var index = parseInt(total.value, 10) || 0;
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    var empty = rows.querySelector("[data-formset-empty]");
    if (empty) { empty.remove(); }
    rows.appendChild(row);
    total.value = String(index + 1);
    var count = section.querySelector(".count");
    if (count) { count.textContent = "（" + rows.querySelectorAll("[data-formset-row]").length + "）"; }
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
    return true;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (!button) { return; }
    var section = button.closest("[data-formset]");
    if (section && addRow(section)) { event.preventDefault(); }
  });

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("[data-formset-delete]")) { return; }
    var row = box.closest("[data-formset-row]");
    if (row) { row.classList.toggle("is-deleted", box.checked); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-formset-delete]:checked").forEach(function (box) {
      var row = box.closest("[data-formset-row]");
      if (row) { row.classList.add("is-deleted"); }
    });
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });
})();
