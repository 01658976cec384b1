/* Portal behaviour, progressive only: every page works without it.
   (The region switcher keeps an explicit 切换 button: changing a select never moves the visitor
   to another page by itself, WCAG 3.2.2.)
   - [data-action="print"] buttons print the page;
   - the search filters start folded on phones.
   Loaded as a file (no inline script) so a strict Content-Security-Policy can apply. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-action='print']") : null;
    if (target) {
      event.preventDefault();
      window.print();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-action='print'][hidden]");
    for (var i = 0; i < buttons.length; i += 1) {
      buttons[i].hidden = false;
    }
    // On phones the search filters start folded so the results come first (unless a filter is in error).
    var filters = document.querySelector("details[data-fold-on-phone]");
    if (filters && !filters.querySelector(".field--error") && window.matchMedia("(max-width: 55.99rem)").matches) {
      filters.open = false;
    }
  });
})();
