// bisearch search page: reads the query from the URL, calls /api/search and
// shows each hit as an aligned pair. The API returns highlights already
// HTML-escaped with <mark> around matches; every other string is set as text.
(function () {
  "use strict";
  var SIZE = 10;
  var LONG = 320; // characters above which a paragraph first shows as a snippet
  var form = document.getElementById("search");
  var input = document.getElementById("q");
  var langSel = document.getElementById("lang");
  var status = document.getElementById("status");
  var results = document.getElementById("results");
  var pager = document.getElementById("pager");
  var intro = document.getElementById("intro");
  var prev = document.getElementById("prev");
  var next = document.getElementById("next");
  var page = document.getElementById("page");
  var current = { q: "", lang: "", from: 0 };
  var seq = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function side(hit, lang) {
    var s = hit[lang];
    var p = el("p", "side " + lang);
    p.lang = lang === "zh" ? "zh-Hans" : "en";
    p.appendChild(el("span", "lang", lang === "zh" ? "中文" : "EN"));
    if (!s) {
      p.className += " none";
      p.appendChild(document.createTextNode(lang === "zh" ? "(no Chinese paragraph)" : "(no aligned translation)"));
      return p;
    }
    if (hit.matched.indexOf(lang) >= 0) p.className += " matched";
    var body = el("span", "text");
    // highlight and snippet are escaped by the server, with only <mark> added
    // a long matched paragraph opens on its snippet; the translation shows whole
    var long = hit.matched.indexOf(lang) >= 0 && s.snippet !== s.highlight && s.text.length > LONG;
    var full = s.html || s.highlight; // with aligned sentences and translation marks
    body.innerHTML = long ? s.snippet : full;
    p.appendChild(body);
    if (long) {
      var more = el("button", "more", "show all");
      more.type = "button";
      more.setAttribute("aria-expanded", "false");
      more.addEventListener("click", function () {
        var open = more.getAttribute("aria-expanded") === "true";
        body.innerHTML = open ? s.snippet : full;
        more.textContent = open ? "show all" : "show less";
        more.setAttribute("aria-expanded", open ? "false" : "true");
      });
      p.appendChild(more);
    }
    return p;
  }

  function render(data) {
    results.textContent = "";
    intro.hidden = true;
    var total = data.total;
    if (total === 0) {
      status.className = "";
      status.textContent = "No paragraph contains " + JSON.stringify(current.q) + ".";
      pager.hidden = true;
      if (data.suggestions && data.suggestions.length) {
        var li = el("li", "suggest");
        li.appendChild(document.createTextNode("Try: "));
        data.suggestions.forEach(function (sq, i) {
          if (i) li.appendChild(document.createTextNode(" · "));
          var a = el("a", "", sq);
          a.href = "?q=" + encodeURIComponent(sq) + (current.lang ? "&lang=" + current.lang : "");
          a.addEventListener("click", function (e) {
            e.preventDefault();
            current.q = sq; current.from = 0; input.value = sq;
            navigate();
          });
          li.appendChild(a);
        });
        results.appendChild(li);
      }
      return;
    }
    var last = Math.min(current.from + data.hits.length, total);
    status.className = "";
    status.textContent = total + (total === 1 ? " paragraph" : " paragraphs") +
      " (" + (current.from + 1) + "–" + last + ", " + data.took_ms + " ms)";
    data.hits.forEach(function (hit) {
      var li = el("li", "hit");
      li.id = "hit-" + hit.id;
      var meta = el("div", "meta");
      meta.appendChild(document.createTextNode(hit.doc.title + " · ¶" + hit.seq + (hit.section ? " · " + hit.section : "")));
      li.appendChild(meta);
      var pair = el("div", "pair");
      var first = hit.matched.length === 1 && hit.matched[0] === "en" ? ["en", "zh"] : ["zh", "en"];
      pair.appendChild(side(hit, first[0]));
      pair.appendChild(side(hit, first[1]));
      li.appendChild(pair);
      results.appendChild(li);
    });
    pager.hidden = total <= SIZE;
    prev.disabled = current.from === 0;
    next.disabled = current.from + SIZE >= total;
    page.textContent = "page " + (Math.floor(current.from / SIZE) + 1) + " of " + Math.ceil(total / SIZE);
  }

  function run() {
    if (!current.q.trim()) {
      results.textContent = "";
      status.textContent = "";
      pager.hidden = true;
      intro.hidden = false;
      return;
    }
    var mine = ++seq;
    var params = new URLSearchParams({ q: current.q, from: String(current.from), size: String(SIZE) });
    if (current.lang) params.set("lang", current.lang);
    status.className = "";
    status.textContent = "Searching…";
    fetch("/api/search?" + params.toString()).then(function (resp) {
      return resp.json().then(function (body) { return { ok: resp.ok, body: body }; });
    }).then(function (r) {
      if (mine !== seq) return;
      if (!r.ok) {
        results.textContent = "";
        pager.hidden = true;
        status.className = "error";
        status.textContent = (r.body.error && r.body.error.message) || "The search failed.";
        return;
      }
      render(r.body);
    }).catch(function () {
      if (mine !== seq) return;
      status.className = "error";
      status.textContent = "The server could not be reached.";
    });
  }

  function fromURL() {
    var p = new URLSearchParams(location.search);
    current.q = p.get("q") || "";
    current.lang = p.get("lang") || "";
    current.from = Math.max(0, parseInt(p.get("from") || "0", 10) || 0);
    input.value = current.q;
    langSel.value = current.lang;
  }

  function navigate() {
    var p = new URLSearchParams();
    if (current.q) p.set("q", current.q);
    if (current.lang) p.set("lang", current.lang);
    if (current.from) p.set("from", String(current.from));
    var url = location.pathname + (p.toString() ? "?" + p.toString() : "");
    history.pushState(null, "", url);
    run();
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    current.q = input.value;
    current.lang = langSel.value;
    current.from = 0;
    navigate();
  });
  langSel.addEventListener("change", function () {
    if (!input.value.trim()) return;
    current.q = input.value;
    current.lang = langSel.value;
    current.from = 0;
    navigate();
  });
  prev.addEventListener("click", function () { current.from = Math.max(0, current.from - SIZE); navigate(); window.scrollTo(0, 0); });
  next.addEventListener("click", function () { current.from += SIZE; navigate(); window.scrollTo(0, 0); });
  window.addEventListener("popstate", function () { fromURL(); run(); });
  fromURL();
  run();
})();
