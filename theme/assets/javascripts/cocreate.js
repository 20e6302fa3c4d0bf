// Cocreate: the idea gallery's filters. Without JavaScript every idea stays visible.
(function () {
  "use strict";

  function applyFilters(panel) {
    var gallery = document.getElementById(panel.getAttribute("data-cc-filters"));
    if (!gallery) return;
    var chosen = {};
    panel.querySelectorAll("select[data-cc-filter]").forEach(function (select) {
      chosen[select.getAttribute("data-cc-filter")] = select.value;
    });
    var shown = 0;
    gallery.querySelectorAll(".cc-idea").forEach(function (card) {
      var match = Object.keys(chosen).every(function (key) {
        if (!chosen[key]) return true;
        var values = (card.getAttribute("data-" + key) || "").split(" ");
        return values.indexOf(chosen[key]) !== -1;
      });
      card.hidden = !match;
      if (match) shown += 1;
    });
    var count = panel.querySelector(".cc-filters__count");
    if (count) count.textContent = shown + (shown === 1 ? " idea" : " ideas");
  }

  document.querySelectorAll("[data-cc-filters]").forEach(function (panel) {
    panel.addEventListener("change", function () { applyFilters(panel); });
  });
})();
