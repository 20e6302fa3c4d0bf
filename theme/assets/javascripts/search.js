// Cocreate: the site search, in the theme's search dialog, over the Pagefind index the
// build writes into pagefind/. Nothing is downloaded until someone opens the search; then
// Pagefind's own script, its WebAssembly and the parts of the index a query needs, and one
// small fragment for each result shown. Results are written as text: only Pagefind's
// <mark> around the words found is kept from an excerpt.
(function () {
  "use strict";

  var dialog = document.querySelector("[data-cc-search]");
  var toggle = document.getElementById("__search");
  var settings = document.getElementById("__config");
  if (!dialog || !toggle || !settings) return;
  var input = dialog.querySelector(".md-search__input");
  var form = input.form;
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var scrollwrap = dialog.querySelector(".md-search__scrollwrap");
  var config = JSON.parse(settings.textContent);
  var words = JSON.parse(dialog.getAttribute("data-cc-words") || "{}");
  var lang = document.documentElement.lang || "en";
  // The theme names the way back to the site's root ("..", "../.." or "."), as the site
  // may be served below a path (GitHub Pages: /<repository>/).
  var root = new URL(String(config.base).replace(/\/?$/, "/"), location.href);
  var BATCH = 10;  // results rendered at once; each costs one fragment
  // What a visitor downloads while typing. Pagefind fetches the index chunks of every word
  // a query could begin, and one fragment per result shown: so the search waits until the
  // typing pauses (Pagefind's own debounce fetches the chunks of each keystroke's query
  // before it waits), and until the query is SHORTEST characters long, as one or two
  // letters begin thousands of words at ten thousand ideas. Enter searches a shorter one.
  var PAUSE = 300;  // ms
  var SHORTEST = 3;
  var pending = null;  // the timer of a query waiting for the typing to pause
  var shown = null;  // the query whose results the list holds
  var pagefind = null;  // the promise of Pagefind's module, once asked for
  var generation = 0;  // the latest query; answers to earlier ones are dropped
  var waiting = [];  // results of the latest query not rendered yet
  var rendering = false;
  var parser = new DOMParser();

  function say(key, count) {
    var text = words[key] || "";
    return count === undefined ? text : text.replace("#", count.toLocaleString(lang));
  }

  function unavailable(error) {
    meta.textContent = dialog.getAttribute("data-cc-unavailable");
    if (window.console) console.warn("search:", error);
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return module.options({ excerptLength: 24 }).then(function () {
          module.init();  // fetches the index's entry, metadata and WebAssembly now
          return module;
        });
      });
      pagefind.catch(unavailable);
    }
    return pagefind;
  }

  function element(name, classes) {
    var node = document.createElement(name);
    (classes || []).forEach(function (name) { node.classList.add(name); });
    return node;
  }

  // Pagefind's excerpt is the page's text with `<` and `>` escaped and the words found in
  // <mark>; parsed inertly, only the marks are kept as elements, everything else as text.
  function excerpt(target, html) {
    var body = parser.parseFromString("<body>" + html, "text/html").body;
    body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = element("mark");
        mark.textContent = node.textContent;
        target.appendChild(mark);
      } else {
        target.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function link(url, title, text, parent) {
    var anchor = element("a", ["md-search-result__link"]);
    anchor.href = url;
    anchor.tabIndex = -1;
    var article = element("article", ["md-search-result__article", "md-typeset"]);
    if (parent) article.appendChild(element("div", ["md-search-result__icon", "md-icon"]));
    var heading = element(parent ? "h1" : "h2");
    heading.textContent = title;
    article.appendChild(heading);
    if (text) {
      var paragraph = element("p");
      excerpt(paragraph, text);
      article.appendChild(paragraph);
    }
    anchor.appendChild(article);
    return anchor;
  }

  function item(data) {
    var title = (data.meta && data.meta.title) || data.url;
    var entry = element("li", ["md-search-result__item"]);
    entry.appendChild(link(data.url, title, data.excerpt, true));
    (data.sub_results || []).filter(function (sub) {
      return sub.url.indexOf("#") !== -1 && sub.title && sub.title !== title &&
        sub.excerpt !== data.excerpt;
    }).slice(0, 2).forEach(function (sub) {
      entry.appendChild(link(sub.url, sub.title, sub.excerpt, false));
    });
    return entry;
  }

  // The next results, once the list is scrolled near its end (and the first at once).
  function renderMore(current) {
    if (rendering || !waiting.length) return;
    rendering = true;
    var batch = waiting.splice(0, BATCH);
    Promise.all(batch.map(function (result) { return result.data(); })).then(function (all) {
      rendering = false;
      if (current !== generation) return;
      all.forEach(function (data) { list.appendChild(item(data)); });
      nearEnd();
    }, function (error) {
      rendering = false;
      unavailable(error);
    });
  }

  function nearEnd() {
    if (waiting.length &&
        scrollwrap.scrollTop + scrollwrap.clientHeight >= scrollwrap.scrollHeight - 200) {
      renderMore(generation);
    }
  }

  // The query as typed, once the typing pauses; `now` (Enter, ?q=) skips the wait and the
  // shortest length.
  function search(now) {
    var query = input.value.trim();
    var current = ++generation;
    waiting = [];
    clearTimeout(pending);
    if (!query || (query.length < SHORTEST && !now)) {
      shown = null;
      list.textContent = "";
      meta.textContent = say("search.result.placeholder");
      return;
    }
    load();
    if (now) {
      find(query, current);
    } else {
      pending = setTimeout(function () { find(query, current); }, PAUSE);
    }
  }

  function find(query, current) {
    load().then(function (module) {
      return current === generation ? module.search(query) : null;
    }).then(function (found) {
      if (found === null || current !== generation) return;  // a later query replaced it
      var count = found.results.length;
      meta.textContent = count === 0 ? say("search.result.none")
        : count === 1 ? say("search.result.one") : say("search.result.other", count);
      list.textContent = "";
      shown = query;
      waiting = found.results.slice();
      renderMore(current);
    }, unavailable);
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    list.hidden = false;
    list.setAttribute("role", "list");
    load();
  }

  function close() {
    toggle.checked = false;
    list.hidden = true;
    list.setAttribute("role", "presentation");
    input.blur();
  }

  function typing(node) {
    return node && (node.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(node.nodeName));
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", function () { search(false); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { search(false); input.focus(); });
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) { open(); input.focus(); } else { close(); }
  });
  scrollwrap.addEventListener("scroll", nearEnd, { passive: true });
  dialog.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("a")) close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    var active = document.activeElement;
    if (toggle.checked) {
      if (event.key === "Escape") {
        close();
      } else if (event.key === "Enter" && active === input) {
        event.preventDefault();
        var best = list.querySelector("a");
        // the first result of the query typed, or else the search at once
        if (best && shown === input.value.trim()) best.click(); else search(true);
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        var stops = [input].concat(Array.prototype.slice.call(list.querySelectorAll("a")));
        var at = Math.max(0, stops.indexOf(active));
        stops[(at + stops.length + (event.key === "ArrowUp" ? -1 : 1)) % stops.length].focus();
        event.preventDefault();
      }
    } else if (!typing(active) && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      open();
      input.focus();
      input.select();
    }
  });

  // A link to the site with ?q=… opens the search with that query, as the theme's did.
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    open();
    input.focus();
    search(true);
  }
})();
