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
    // The page carries the count's words in its language, one form per plural category.
    var count = panel.querySelector(".cc-filters__count");
    if (count) {
      var lang = document.documentElement.lang || "en";
      var form = new Intl.PluralRules(lang).select(shown) === "one" ? "data-cc-one" : "data-cc-other";
      var words = count.getAttribute(form) || "{n}";
      count.textContent = words.replace("{n}", shown.toLocaleString(lang));
    }
  }

  document.querySelectorAll("[data-cc-filters]").forEach(function (panel) {
    panel.addEventListener("change", function () { applyFilters(panel); });
  });
})();
