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

// Cocreate: the idea gallery's sort menu (act-here). Cards carry what they are sorted by:
// data-rank (at results), data-newest (place among the newest first), data-votes, and
// data-comments (the comments, where the vote sync has counted them: else 0).
// Without JavaScript the menu stays hidden and the gallery keeps the order it was built in.
(function () {
  "use strict";

  var KEYS = {
    rank: { attribute: "data-rank", most: false },
    newest: { attribute: "data-newest", most: false },
    votes: { attribute: "data-votes", most: true },
    comments: { attribute: "data-comments", most: true }
  };

  function figure(card, attribute) {
    return Number(card.getAttribute(attribute)) || 0;
  }

  function sortGallery(gallery, choice) {
    var key = KEYS[choice];
    if (!gallery || !key) return;
    var cards = Array.prototype.slice.call(gallery.querySelectorAll(".cc-idea"));
    cards.sort(function (a, b) {
      var difference = figure(a, key.attribute) - figure(b, key.attribute);
      // Ties keep the newest first, so every order is the same on every visit.
      return (key.most ? -difference : difference) ||
        figure(a, "data-newest") - figure(b, "data-newest");
    });
    cards.forEach(function (card) { gallery.appendChild(card); });
  }

  document.querySelectorAll("[data-cc-filters]").forEach(function (panel) {
    var menu = panel.querySelector("select[data-cc-sort]");
    if (!menu) return;
    var gallery = document.getElementById(panel.getAttribute("data-cc-filters"));
    menu.closest("label").hidden = false;
    menu.addEventListener("change", function () { sortGallery(gallery, menu.value); });
  });
})();
