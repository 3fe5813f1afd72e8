// bisearch search page. The state lives in the URL (q, lang, doc, section,
// translated, as, sort, from; show=para|kwic for paragraphs or the
// concordance, ksort for its order; mode=similar for fuzzy matches;
// view=doc&at=SEQ for the document view), so searches can be shared and the
// back button works. The API returns highlights already
// HTML-escaped with only <mark> and <span class="al"> added; every other
// string is set as text.
(function () {
  "use strict";
  var SIZE = 10;
  var LONG = 320; // characters above which a matched paragraph first shows as a snippet
  var $ = function (id) { return document.getElementById(id); };
  var form = $("search"), input = $("q"), langSel = $("lang"), sortSel = $("sort");
  var status = $("status"), results = $("results"), pager = $("pager"), intro = $("intro");
  var toolbar = $("toolbar"), facets = $("facets"), suggest = $("suggest");
  var docview = $("docview"), docunits = $("docunits");
  var modeSel = $("mode"), showSel = $("show"), ksortSel = $("ksort"), trbox = $("trbox"), kwic = $("kwic");
  var KWICSIZE = 50;
  var prefs = { stacked: localStorage.getItem("bisearch.stacked") === "1", enLeft: localStorage.getItem("bisearch.enLeft") === "1" };
  var state = {};
  var seq = 0, suggestSeq = 0, typing = null, suggestTimer = null, current = -1, lastHits = [];
  // search as you type: while typing, the query is sent forgiven (an open
  // quote closed, the last word a prefix), syntax errors wait for Enter,
  // and only the count of a settled query is announced
  var typingNow = false, settleTimer = null, pushNext = true, lastOpened = null;
  var announce = $("announce");
  var defaultPlaceholder = input.placeholder;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function readURL() {
    var p = new URLSearchParams(location.search);
    state = {
      q: p.get("q") || "", lang: p.get("lang") || "", doc: p.get("doc") || "", section: p.get("section") || "",
      sort: p.get("sort") || "", translated: p.get("translated") || "", from: Math.max(0, parseInt(p.get("from") || "0", 10) || 0),
      view: p.get("view") || "", at: parseInt(p.get("at") || "-1", 10),
      as: p.get("as") || "", show: p.get("show") || "", ksort: p.get("ksort") || "", mode: p.get("mode") || ""
    };
    input.value = state.q;
    langSel.value = state.lang;
    sortSel.value = state.sort;
    modeSel.value = state.mode;
    showSel.value = state.show;
    ksortSel.value = state.ksort;
  }

  function writeURL(push) {
    var p = new URLSearchParams();
    ["q", "mode", "lang", "doc", "section", "translated", "as", "sort", "show", "ksort", "view"].forEach(function (k) { if (state[k]) p.set(k, state[k]); });
    if (state.from) p.set("from", String(state.from));
    if (state.view === "doc" && state.at >= 0) p.set("at", String(state.at));
    var url = location.pathname + (p.toString() ? "?" + p.toString() : "");
    // one history entry per settled state: the same URL again replaces it
    if (push && url !== location.pathname + location.search) history.pushState(null, "", url); else history.replaceState(null, "", url);
    document.title = (state.q.trim() ? state.q.trim() + " — " : "") + "bisearch";
  }

  function go(changes, push) {
    Object.keys(changes).forEach(function (k) { state[k] = changes[k]; });
    writeURL(push !== false);
    render();
  }

  function applyPrefs() {
    document.body.classList.toggle("stacked", prefs.stacked);
    $("layout").setAttribute("aria-pressed", prefs.stacked ? "true" : "false");
    $("layout").textContent = prefs.stacked ? "Side by side" : "Stacked";
    $("swap").setAttribute("aria-pressed", prefs.enLeft ? "true" : "false");
    $("swap").textContent = prefs.enLeft ? "Chinese left" : "English left";
  }

  // forgiving is the query as sent while it is still being typed
  function forgiving(v) {
    if ((v.match(/"/g) || []).length % 2 === 1) return v + '"';
    var m = v.match(/(^|\s)([A-Za-z][A-Za-z']+)$/);
    if (m && m[2] !== "OR") return v + "*";
    return v;
  }

  function say(text) { announce.textContent = ""; setTimeout(function () { announce.textContent = text; }, 50); }

  // one side of a pair
  function side(hit, lang) {
    var s = hit[lang];
    var p = el("div", "side " + lang);
    p.lang = lang === "zh" ? "zh-Hans" : "en";
    p.appendChild(el("span", "lang", lang === "zh" ? "中文" : "EN"));
    if (!s) {
      p.className += " none";
      p.appendChild(document.createTextNode(lang === "zh" ? "(no Chinese paragraph)" : "(no aligned translation)"));
      return p;
    }
    if (hit.matched.indexOf(lang) >= 0) p.className += " matched";
    var body = el("span", "text");
    // a long matched paragraph opens on its snippet; the translation shows whole
    var long = hit.matched.indexOf(lang) >= 0 && s.snippet !== s.highlight && s.text.length > LONG;
    var full = s.html || s.highlight;
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

  function order() { return prefs.enLeft ? ["en", "zh"] : ["zh", "en"]; }

  // the sentence view shows a hit by its sentence pairs, when it has them
  function bySentences(hit) { return state.show === "" && hit.pairs && hit.pairs.length > 0; }

  // one sentence pair of a hit: the matched sentence(s) and their translation
  function pairRow(hit, p) {
    var row = el("div", "pair sentence");
    order().forEach(function (lang) {
      var cell = el("div", "side " + lang + (hit.matched.indexOf(lang) >= 0 ? " matched" : ""));
      cell.lang = lang === "zh" ? "zh-Hans" : "en";
      cell.appendChild(el("span", "lang", lang === "zh" ? "中文" : "EN"));
      var t = el("span", "text");
      t.innerHTML = p[lang].html;
      cell.appendChild(t);
      row.appendChild(cell);
    });
    if (p.low) {
      var note = el("p", "low", "Alignment uncertain (confidence " + p.score.toFixed(2) + "): check this translation against the paragraph.");
      row.appendChild(note);
    }
    return row;
  }

  function copyPair(hit, button) {
    var rows;
    if (bySentences(hit) && !button.closest(".hit").classList.contains("whole")) {
      rows = hit.pairs.map(function (p) { return [p.zh.text, p.en.text]; });
    } else {
      rows = [[hit.zh ? hit.zh.text : "", hit.en ? hit.en.text : ""]];
    }
    var tsv = rows.map(function (r) { return r[0].replace(/[\t\n]/g, " ") + "\t" + r[1].replace(/[\t\n]/g, " "); }).join("\n");
    var done = function () { button.textContent = "copied"; setTimeout(function () { button.textContent = "copy"; }, 1500); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(tsv).then(done, function () { fallbackCopy(tsv); done(); });
    } else { fallbackCopy(tsv); done(); }
  }

  function fallbackCopy(text) {
    var ta = el("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed"; ta.style.opacity = "0";
    document.body.appendChild(ta);
    ta.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to do */ }
    document.body.removeChild(ta);
  }

  function renderFacets(f) {
    facets.textContent = "";
    if (!f) { facets.hidden = true; return; }
    facets.hidden = false;
    function group(title, items, key) {
      var box = el("section", "facet");
      box.appendChild(el("h2", "", title));
      var ul = el("ul");
      items.forEach(function (it) {
        var li = el("li");
        var b = el("button", "chip");
        b.type = "button";
        b.appendChild(el("span", "label", it.label));
        var on = state[key] === it.value;
        b.setAttribute("aria-pressed", on ? "true" : "false");
        b.appendChild(el("span", "count", String(it.count)));
        if (it.count === 0 && !on) { b.disabled = true; b.title = "no hit here"; }
        b.addEventListener("click", function () { var c = { from: 0 }; c[key] = on ? "" : it.value; go(c); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      facets.appendChild(box);
    }
    var sides = [];
    if (f.sides.zh !== undefined) sides.push({ label: "中文", value: "zh", count: f.sides.zh });
    if (f.sides.en !== undefined) sides.push({ label: "English", value: "en", count: f.sides.en });
    group("Matched in", sides, "lang");
    if (f.translated) group("Translation", [{ label: "translated", value: "yes", count: f.translated.yes }, { label: "not translated", value: "no", count: f.translated.no }], "translated");
    group("Document", f.docs.map(function (d) { return { label: d.title || d.value, value: d.value, count: d.count }; }), "doc");
    if (f.sections.length) group("Section", f.sections.map(function (s) { return { label: s.value, value: s.value, count: s.count }; }), "section");
  }

  function select(i, focus) {
    var items = results.querySelectorAll(".hit");
    if (!items.length) return;
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (it, k) { it.classList.toggle("current", k === current); });
    if (focus !== false) { items[current].focus(); items[current].scrollIntoView({ block: "nearest" }); }
  }

  // filterWords names the filters in force, for a message
  function filterWords() {
    var w = [];
    if (state.lang) w.push(state.lang === "zh" ? "in Chinese" : "in English");
    if (state.doc) w.push("in document " + state.doc);
    if (state.section) w.push("in section " + JSON.stringify(state.section));
    if (state.translated) w.push(state.translated === "yes" ? "among translated paragraphs" : "among untranslated paragraphs");
    if (state.as) w.push(state.as === "-" ? "translated otherwise" : "translated as " + JSON.stringify(state.as));
    return w.length ? " " + w.join(", ") : "";
  }

  function renderResults(data) {
    results.textContent = "";
    lastHits = data.hits;
    current = -1;
    renderFacets(data.facets);
    var total = data.total;
    if (total === 0) {
      status.className = "";
      status.textContent = "No paragraph contains " + JSON.stringify(state.q) + filterWords() + ".";
      pager.hidden = true;
      (data.notices || []).forEach(function (n) { results.appendChild(el("li", "notice", n)); });
      if (filterWords()) {
        var all = el("li", "suggest");
        var clear = el("button", "link", "Search without the filters");
        clear.type = "button";
        clear.addEventListener("click", function () { go({ lang: "", doc: "", section: "", translated: "", as: "", from: 0 }); });
        all.appendChild(clear);
        results.appendChild(all);
      }
      if (data.suggestions && data.suggestions.length) {
        var li = el("li", "suggest");
        li.appendChild(document.createTextNode("Try: "));
        data.suggestions.forEach(function (sq, i) {
          if (i) li.appendChild(document.createTextNode(" · "));
          var a = el("a", "", sq);
          a.href = "?q=" + encodeURIComponent(sq) + (state.lang ? "&lang=" + state.lang : "");
          a.addEventListener("click", function (e) {
            e.preventDefault();
            input.value = sq;
            go({ q: sq, from: 0, doc: "", section: "" });
          });
          li.appendChild(a);
        });
        results.appendChild(li);
      }
      return;
    }
    var last = Math.min(state.from + data.hits.length, total);
    status.className = "";
    status.textContent = total + (total === 1 ? " paragraph" : " paragraphs") +
      " (" + (state.from + 1) + "–" + last + ", " + data.took_ms + " ms)";
    data.hits.forEach(function (hit, i) {
      var li = el("li", "hit");
      li.tabIndex = 0;
      li.dataset.index = String(i);
      li.dataset.unit = hit.id;
      li.setAttribute("aria-label", "Result " + (state.from + i + 1) + " of " + total);
      var meta = el("div", "meta");
      var open = el("a", "open", hit.doc.title + " · ¶" + hit.seq);
      open.href = "?" + new URLSearchParams({ q: state.q, doc: hit.doc.id, view: "doc", at: String(hit.seq) }).toString();
      open.addEventListener("click", function (e) { e.preventDefault(); openDoc(hit.doc.id, hit.seq); });
      meta.appendChild(open);
      if (hit.section) meta.appendChild(document.createTextNode(" · " + hit.section));
      var copy = el("button", "copy", "copy");
      copy.type = "button";
      copy.title = "Copy the pair as TSV (Chinese, tab, English)";
      copy.addEventListener("click", function () { copyPair(hit, copy); });
      var body = el("div", "body");
      var paragraphs = function () {
        body.textContent = "";
        var pair = el("div", "pair");
        order().forEach(function (lang) { pair.appendChild(side(hit, lang)); });
        body.appendChild(pair);
      };
      if (bySentences(hit)) {
        var whole = el("button", "whole-toggle", "paragraph");
        whole.type = "button";
        whole.title = "Show the whole paragraph pair";
        whole.setAttribute("aria-expanded", "false");
        var sentences = function () {
          body.textContent = "";
          hit.pairs.forEach(function (p) { body.appendChild(pairRow(hit, p)); });
        };
        whole.addEventListener("click", function () {
          var open = whole.getAttribute("aria-expanded") === "true";
          if (open) sentences(); else paragraphs();
          li.classList.toggle("whole", !open);
          whole.setAttribute("aria-expanded", open ? "false" : "true");
          whole.textContent = open ? "paragraph" : "sentences";
          whole.title = open ? "Show the whole paragraph pair" : "Show only the matched sentence pairs";
        });
        meta.appendChild(whole);
        sentences();
      } else {
        paragraphs();
      }
      meta.appendChild(copy);
      li.appendChild(meta);
      li.appendChild(body);
      li.addEventListener("focus", function () { select(i, false); });
      results.appendChild(li);
    });
    if (lastOpened) {
      var back = results.querySelector('.hit[data-unit="' + lastOpened + '"]');
      lastOpened = null;
      if (back) { back.focus(); back.scrollIntoView({ block: "center" }); }
    }
    pager.hidden = total <= SIZE;
    $("prev").disabled = state.from === 0;
    $("next").disabled = state.from + SIZE >= total;
    $("page").textContent = "page " + (Math.floor(state.from / SIZE) + 1) + " of " + Math.ceil(total / SIZE);
  }

  function api(path, params) {
    return fetch(path + "?" + new URLSearchParams(params).toString()).then(function (resp) {
      return resp.json().then(function (body) { return { ok: resp.ok, body: body }; });
    });
  }

  function runSearch() {
    var mine = ++seq;
    var typed = typingNow;
    var params = { q: typed ? forgiving(state.q) : state.q, from: String(state.from), size: String(SIZE), facets: "1" };
    ["lang", "doc", "section", "translated", "as", "sort"].forEach(function (k) { if (state[k]) params[k] = state[k]; });
    if (!typed) { status.className = ""; status.textContent = "Searching…"; }
    api("/api/search", params).then(function (r) {
      if (mine !== seq) return;
      if (!r.ok) {
        if (typed && r.body.error && r.body.error.code !== "query_too_long") return; // wait for Enter
        results.textContent = "";
        facets.hidden = true;
        pager.hidden = true;
        status.className = "error";
        status.textContent = (r.body.error && r.body.error.message) || "The search failed.";
        say(status.textContent);
        return;
      }
      renderResults(r.body);
      setDownload(r.body.total);
      if (!typed) { say(status.textContent); renderTranslations(); } else { trbox.hidden = true; }
    }).catch(function () {
      if (mine !== seq) return;
      status.className = "error";
      status.textContent = "The server could not be reached.";
    });
  }


  function pageSize() { return state.show === "kwic" ? KWICSIZE : SIZE; }

  // the filters in force, as API parameters
  function filterParams(params) {
    ["lang", "doc", "section", "translated", "as"].forEach(function (k) { if (state[k]) params[k] = state[k]; });
    return params;
  }

  // the download link takes every hit away in the format chosen: sentence
  // pairs in the sentence view, paragraph pairs otherwise
  var MAXEXPORT = 100000;
  var lastTotal;
  function setDownload(total) {
    lastTotal = total;
    var a = $("download"), fmt = $("dlformat").value;
    var params = filterParams({ q: state.q, format: fmt });
    if (state.show === "") params.pairs = "sentence";
    a.href = "/api/export?" + new URLSearchParams(params).toString();
    a.setAttribute("download", "");
    var what = state.show === "" ? "their sentence pairs" : "paragraph pairs";
    if (total === undefined) { a.textContent = "Download"; a.title = "Download every hit (" + what + ")"; return; }
    a.textContent = total > MAXEXPORT ? "Download first " + MAXEXPORT.toLocaleString("en") : "Download all " + total;
    a.title = (total > MAXEXPORT ? "The first " + MAXEXPORT.toLocaleString("en") + " of " + total + " hits" : "All " + total + " hits") +
      " (" + what + "), in document order, as " + fmt.toUpperCase();
    $("dl").hidden = total === 0;
  }

  // the box of the query's translations (a query of one term): each with
  // how many hits it translates; choosing one keeps those hits
  var trKey = "", trData = null, trSeq = 0;
  function renderTranslations() {
    var params = filterParams({ q: state.q, translations: "1", size: "1" });
    delete params.as;
    var key = new URLSearchParams(params).toString();
    if (key === trKey) { drawTranslations(trData); return; }
    var mine = ++trSeq;
    trbox.hidden = true;
    api("/api/search", params).then(function (r) {
      if (mine !== trSeq) return;
      trKey = key;
      trData = r.ok ? r.body.translations || null : null;
      drawTranslations(trData);
    });
  }
  function drawTranslations(t) {
    trbox.textContent = "";
    if (!t || !t.terms.length || state.mode === "similar") { trbox.hidden = true; return; }
    trbox.hidden = false;
    var head = el("h2", "", "Translated as");
    trbox.appendChild(head);
    var ul = el("ul");
    var chip = function (label, value, count, share, title) {
      var li = el("li");
      var b = el("button", "chip trchip");
      b.type = "button";
      var on = state.as === value;
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.appendChild(el("span", "label", label));
      b.appendChild(el("span", "count", String(count)));
      b.style.setProperty("--share", Math.round(100 * share) + "%");
      b.title = title;
      if (count === 0 && !on) b.disabled = true;
      b.addEventListener("click", function () { go({ as: on ? "" : value, from: 0 }); });
      li.appendChild(b);
      ul.appendChild(li);
    };
    t.terms.forEach(function (tc) {
      chip(tc.text, tc.text, tc.hits, tc.share, tc.hits + " of " + t.read + " translated hits (" + Math.round(100 * tc.share) + "%); choose to see only these");
    });
    chip("translated otherwise", "-", t.otherwise, t.read ? t.otherwise / t.read : 0, "Translated hits with none of these translations");
    trbox.appendChild(ul);
    trbox.appendChild(el("p", "trnote", "In " + t.read + " translated " + (t.read === 1 ? "hit" : "hits") +
      (t.sampled ? ": the " + t.read + " most relevant of " + t.of : "") + "."));
  }

  // the concordance: a line per match, its context, the translation of its
  // sentence; sortable, paged
  function runKwic() {
    var mine = ++seq;
    var params = filterParams({ q: state.q, from: String(state.from), size: String(KWICSIZE), facets: "1" });
    if (state.ksort) params.sort = state.ksort;
    status.className = ""; status.textContent = "Searching…";
    api("/api/concordance", params).then(function (r) {
      if (mine !== seq) return;
      if (!r.ok) { showError(r.body); return; }
      renderKwic(r.body);
      setDownload(r.body.of);
      say(status.textContent);
      renderTranslations();
    }).catch(unreachable(mine));
  }

  function renderKwic(d) {
    var body = kwic.querySelector("tbody");
    body.textContent = "";
    results.textContent = "";
    renderFacets(d.facets);
    lastHits = [];
    if (d.total === 0) {
      kwic.hidden = true;
      status.textContent = "No paragraph contains " + JSON.stringify(state.q) + filterWords() + ".";
      pager.hidden = true;
      return;
    }
    kwic.hidden = false;
    var last = Math.min(state.from + d.lines.length, d.total);
    status.textContent = d.total + (d.total === 1 ? " match" : " matches") + " in " + d.units + (d.units === 1 ? " paragraph" : " paragraphs") +
      (d.capped ? " (the first " + d.units + " of " + d.of + " in document order)" : "") + " (" + (state.from + 1) + "–" + last + ", " + d.took_ms + " ms)";
    d.lines.forEach(function (l) {
      var tr = el("tr", l.lang);
      var where = el("td", "kw");
      var a = el("a", "", "¶" + l.seq);
      a.href = "?" + new URLSearchParams({ q: state.q, doc: l.doc.id, view: "doc", at: String(l.seq) }).toString();
      a.title = l.doc.title + (l.section ? " · " + l.section : "");
      a.addEventListener("click", function (e) { e.preventDefault(); openDoc(l.doc.id, l.seq); });
      where.appendChild(a);
      tr.appendChild(where);
      var left = el("td", "kl");
      left.lang = l.lang === "zh" ? "zh-Hans" : "en";
      left.appendChild(el("span", "", l.left));
      tr.appendChild(left);
      var m = el("td", "km");
      m.lang = left.lang;
      m.appendChild(el("mark", "", l.match));
      tr.appendChild(m);
      var right = el("td", "kr", l.right);
      right.lang = left.lang;
      tr.appendChild(right);
      var t = el("td", "kt");
      if (l.translation) {
        t.lang = l.translation.lang === "zh" ? "zh-Hans" : "en";
        var span = el("span", "text");
        span.innerHTML = l.translation.html;
        t.appendChild(span);
        t.title = l.translation.text;
        if (l.paragraph) t.appendChild(el("span", "tag", "paragraph"));
        if (l.low) t.appendChild(el("span", "tag low", "uncertain"));
      } else {
        t.className += " none";
        t.textContent = "no translation";
      }
      tr.appendChild(t);
      body.appendChild(tr);
    });
    pager.hidden = d.total <= KWICSIZE;
    $("prev").disabled = state.from === 0;
    $("next").disabled = state.from + KWICSIZE >= d.total;
    $("page").textContent = "page " + (Math.floor(state.from / KWICSIZE) + 1) + " of " + Math.ceil(d.total / KWICSIZE);
  }

  // fuzzy matches: the translated segments most like the sentence typed
  function runSimilar() {
    var mine = ++seq;
    var params = { q: state.q, size: "10" };
    if (state.lang) params.lang = state.lang;
    if (state.doc) params.doc = state.doc;
    status.className = ""; status.textContent = "Comparing…";
    api("/api/similar", params).then(function (r) {
      if (mine !== seq) return;
      if (!r.ok) { showError(r.body); return; }
      renderSimilar(r.body);
      say(status.textContent);
    }).catch(unreachable(mine));
  }

  function band(p) { return p >= 95 ? "high" : p >= 75 ? "mid" : "low"; }

  function renderSimilar(d) {
    results.textContent = "";
    facets.hidden = true;
    pager.hidden = true;
    lastHits = [];
    if (!d.matches.length) {
      status.textContent = "No translated segment is " + d.min + " % or more like this sentence (" + d.candidates + " compared).";
      return;
    }
    status.textContent = d.matches.length + (d.matches.length === 1 ? " similar segment" : " similar segments") + " (" + d.took_ms + " ms)";
    d.matches.forEach(function (m, i) {
      var li = el("li", "hit match");
      li.tabIndex = 0;
      li.setAttribute("aria-label", "Match " + (i + 1) + ": " + m.percent + " %");
      var meta = el("div", "meta");
      meta.appendChild(el("span", "pct " + band(m.percent), m.percent + " %"));
      var open = el("a", "open", m.doc.title + " · ¶" + m.seq);
      open.href = "?" + new URLSearchParams({ doc: m.doc.id, view: "doc", at: String(m.seq) }).toString();
      open.addEventListener("click", function (e) { e.preventDefault(); openDoc(m.doc.id, m.seq); });
      meta.appendChild(open);
      if (m.low) meta.appendChild(el("span", "tag low", "alignment uncertain"));
      if (m.paragraph) meta.appendChild(el("span", "tag", "translation: the whole paragraph"));
      var copy = el("button", "copy", "copy");
      copy.type = "button";
      copy.title = "Copy the translation";
      copy.addEventListener("click", function () {
        var text = m.target ? m.target.text : "";
        var done = function () { copy.textContent = "copied"; setTimeout(function () { copy.textContent = "copy"; }, 1500); };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
        else { fallbackCopy(text); done(); }
      });
      meta.appendChild(copy);
      li.appendChild(meta);
      var grid = el("dl", "cmp");
      var row = function (label, html, lang, cls) {
        grid.appendChild(el("dt", "", label));
        var dd = el("dd", cls || "");
        dd.lang = lang === "zh" ? "zh-Hans" : "en";
        dd.innerHTML = html;
        grid.appendChild(dd);
      };
      row("Memory", m.source.html, m.lang, "source");
      if (m.target) row("Translation", m.target.html, m.lang === "zh" ? "en" : "zh", "target");
      else row("Translation", "(no translation of this sentence)", m.lang === "zh" ? "en" : "zh", "target none");
      row("Your sentence", m.query_html, m.lang, "query");
      li.appendChild(grid);
      results.appendChild(li);
    });
  }

  function showError(body) {
    results.textContent = "";
    kwic.hidden = true;
    facets.hidden = true;
    pager.hidden = true;
    trbox.hidden = true;
    status.className = "error";
    status.textContent = (body.error && body.error.message) || "The search failed.";
    say(status.textContent);
  }

  function unreachable(mine) {
    return function () {
      if (mine !== seq) return;
      status.className = "error";
      status.textContent = "The server could not be reached.";
    };
  }

  // the document view: the whole aligned document, the unit at `at` marked
  var docHits = [];
  function openDoc(id, at) { lastOpened = id + "/" + at; go({ view: "doc", doc: id, at: at }); }
  function closeDoc() {
    if (history.length > 1 && /[?&]view=doc/.test(location.search)) {
      lastOpened = state.doc + "/" + state.at;
      history.back(); // to the results the document was opened from
    } else {
      go({ view: "", doc: "", at: -1 });
    }
  }

  // a document is shown a page of units at a time, around the unit opened;
  // buttons load the units before and after
  var DOCPAGE = 300;
  function renderDoc(extra) {
    var mine = ++seq;
    var from = extra ? extra.from : Math.max(0, state.at - 100);
    status.textContent = "Opening the document…";
    Promise.all([
      fetch("/api/docs/" + encodeURIComponent(state.doc) + "?from=" + from + "&size=" + DOCPAGE).then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); }),
      state.q ? api("/api/search", { q: state.q, doc: state.doc, sort: "doc", size: "100", lang: state.lang }) : Promise.resolve(null)
    ]).then(function (rs) {
      if (mine !== seq) return;
      var d = rs[0];
      if (!d.ok) { status.className = "error"; status.textContent = (d.body.error && d.body.error.message) || "No such document."; return; }
      var byseq = {};
      docHits = [];
      if (rs[1] && rs[1].ok) rs[1].body.hits.forEach(function (h) { byseq[h.seq] = h; docHits.push(h.seq); });
      $("doctitle").textContent = d.body.title;
      docunits.textContent = "";
      var first = d.body.from, last = d.body.from + d.body.units.length;
      if (first > 0) {
        var before = el("li", "more-units");
        var b = el("button", "link", "Show the " + Math.min(DOCPAGE, first) + " units before");
        b.type = "button";
        b.addEventListener("click", function () { renderDoc({ from: Math.max(0, first - DOCPAGE) }); });
        before.appendChild(b);
        docunits.appendChild(before);
      }
      d.body.units.forEach(function (u) {
        var li = el("li", "unit");
        li.id = "unit-" + u.seq;
        var hit = byseq[u.seq];
        if (hit) li.className += " hashit";
        if (u.seq === state.at) li.className += " at";
        li.appendChild(el("span", "seq", "¶" + u.seq));
        var pair = el("div", "pair");
        order().forEach(function (lang) {
          var cell = el("div", "side " + lang);
          cell.lang = lang === "zh" ? "zh-Hans" : "en";
          var s = hit && hit[lang];
          if (s) { var t = el("span", "text"); t.innerHTML = s.html || s.highlight; cell.appendChild(t); }
          else if (u[lang]) { cell.appendChild(el("span", "text", u[lang])); }
          else { cell.className += " none"; cell.textContent = "—"; }
          pair.appendChild(cell);
        });
        li.appendChild(pair);
        docunits.appendChild(li);
      });
      if (last < d.body.total) {
        var after = el("li", "more-units");
        var a = el("button", "link", "Show the " + Math.min(DOCPAGE, d.body.total - last) + " units after");
        a.type = "button";
        a.addEventListener("click", function () { renderDoc({ from: last }); });
        after.appendChild(a);
        docunits.appendChild(after);
      }
      status.className = "";
      status.textContent = d.body.total + " units, " + d.body.aligned + " aligned" +
        (d.body.units.length < d.body.total ? " (" + (first + 1) + "–" + last + " shown)" : "") +
        (docHits.length ? ", " + docHits.length + " hits" : "");
      var target = $("unit-" + state.at);
      if (target && !extra) { target.scrollIntoView({ block: "center" }); target.tabIndex = -1; target.focus({ preventScroll: true }); }
      $("prevhit").disabled = !docHits.some(function (s) { return s < state.at; });
      $("nexthit").disabled = !docHits.some(function (s) { return s > state.at; });
    });
  }

  function moveHit(dir) {
    var next = dir > 0 ? docHits.filter(function (s) { return s > state.at; })[0]
                       : docHits.filter(function (s) { return s < state.at; }).pop();
    if (next === undefined) return;
    if ($("unit-" + next)) {
      // on the page shown: move the mark, no reload
      var old = docunits.querySelector(".unit.at");
      if (old) old.classList.remove("at");
      state.at = next;
      writeURL(false);
      var target = $("unit-" + next);
      target.classList.add("at");
      target.scrollIntoView({ block: "center" }); target.tabIndex = -1; target.focus({ preventScroll: true });
      $("prevhit").disabled = !docHits.some(function (s) { return s < state.at; });
      $("nexthit").disabled = !docHits.some(function (s) { return s > state.at; });
      return;
    }
    go({ at: next }, false);
  }

  // the first screen says what is indexed and offers queries that find something
  function renderAbout() {
    if (renderAbout.done) return;
    renderAbout.done = true;
    fetch("/api/about").then(function (r) { return r.json(); }).then(function (a) {
      $("about").textContent = "Indexed: " + a.docs + (a.docs === 1 ? " document, " : " documents, ") + a.units +
        (a.units === 1 ? " paragraph, " : " paragraphs, ") + a.aligned + (a.aligned === 1 ? " aligned pair." : " aligned pairs.");
      var ex = $("examples");
      ex.textContent = "";
      if (!a.examples.length) return;
      ex.appendChild(document.createTextNode("Try: "));
      a.examples.forEach(function (q, i) {
        if (i) ex.appendChild(document.createTextNode(" · "));
        var link = el("a", "", q);
        link.href = "?q=" + encodeURIComponent(q);
        link.addEventListener("click", function (e) { e.preventDefault(); input.value = q; go({ q: q, from: 0 }); });
        ex.appendChild(link);
      });
    }).catch(function () { renderAbout.done = false; });
  }

  function render() {
    applyPrefs();
    if (!state.q.trim() && state.view !== "doc") renderAbout();
    langSel.value = state.lang;
    sortSel.value = state.sort;
    modeSel.value = state.mode;
    showSel.value = state.show;
    ksortSel.value = state.ksort;
    var similar = state.mode === "similar";
    input.placeholder = similar ? "Paste a sentence to find the translated segments most like it" : defaultPlaceholder;
    langSel.options[0].textContent = similar ? "either language" : "both sides";
    var searching = !!state.q.trim();
    var docView = state.view === "doc";
    intro.hidden = searching || docView;
    toolbar.hidden = !searching && !docView;
    docview.hidden = !docView;
    var kwicView = !similar && state.show === "kwic";
    results.hidden = docView || kwicView;
    kwic.hidden = docView || !kwicView;
    if (docView || similar || !searching) trbox.hidden = true;
    $("showbox").hidden = similar || docView;
    $("sortbox").hidden = similar || kwicView || docView;
    $("ksortbox").hidden = !kwicView || docView;
    $("dl").hidden = similar || docView;
    $("filters").hidden = similar;
    $("layout").hidden = $("swap").hidden = similar || kwicView;
    if (docView) { facets.hidden = true; pager.hidden = true; renderDoc(); return; }
    if (!searching) {
      results.textContent = ""; status.textContent = ""; pager.hidden = true; facets.hidden = true;
      return;
    }
    if (similar) { runSimilar(); return; }
    setDownload();
    if (kwicView) { runKwic(); return; }
    runSearch();
  }

  // suggestions from the index's own terms, by keyboard or mouse
  var active = -1;
  function closeSuggest() { suggest.hidden = true; suggest.textContent = ""; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1; }
  function lastWord(v) { var m = v.match(/(\S+)$/); return m ? m[1] : ""; }
  function fetchSuggest() {
    var word = lastWord(input.value);
    if (!word || /^[-"]/.test(word) || word.indexOf(":") >= 0) { closeSuggest(); return; }
    var mine = ++suggestSeq;
    api("/api/suggest", { q: word, n: "8" }).then(function (r) {
      if (mine !== suggestSeq || !r.ok) return;
      suggest.textContent = "";
      if (!r.body.suggestions.length) { closeSuggest(); return; }
      r.body.suggestions.forEach(function (s, i) {
        var li = el("li", "", s);
        li.id = "sugg-" + i;
        li.setAttribute("role", "option");
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        suggest.appendChild(li);
      });
      suggest.hidden = false;
      input.setAttribute("aria-expanded", "true");
    });
  }
  function highlightSuggest(i) {
    var items = suggest.querySelectorAll("li");
    if (!items.length) return;
    active = (i + items.length) % items.length;
    items.forEach(function (li, k) { li.setAttribute("aria-selected", k === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[active].id);
  }
  function choose(i) {
    var items = suggest.querySelectorAll("li");
    if (!items[i]) return;
    var v = input.value, w = lastWord(v);
    input.value = v.slice(0, v.length - w.length) + items[i].textContent;
    closeSuggest();
    go({ q: input.value, from: 0, doc: "", section: "", view: "" });
  }

  input.addEventListener("input", function () {
    // a whole sentence, or a concordance of all the matches: on Enter
    if (state.mode === "similar" || state.show === "kwic") return;
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(fetchSuggest, 150);
    // search as you type, debounced: the first search of a new query makes
    // its history entry, the next ones replace it; it settles when typing
    // pauses, and only then is its count announced
    clearTimeout(typing);
    clearTimeout(settleTimer);
    typing = setTimeout(function () {
      if (input.value.trim() === state.q.trim()) return;
      state.q = input.value; state.from = 0; state.view = ""; state.doc = ""; state.section = "";
      typingNow = true;
      writeURL(pushNext);
      pushNext = false;
      render();
    }, 350);
    settleTimer = setTimeout(settle, 1500);
  });
  // settle ends typing: the query as typed is searched (errors now shown)
  // and its count announced; the next typing makes a new history entry
  function settle() {
    clearTimeout(settleTimer);
    pushNext = true;
    if (!typingNow) return;
    typingNow = false;
    if (state.q.trim() && state.view !== "doc") runSearch();
  }

  input.addEventListener("keydown", function (e) {
    if (suggest.hidden) return;
    if (e.key === "ArrowDown") { e.preventDefault(); highlightSuggest(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); highlightSuggest(active - 1); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(active); }
    else if (e.key === "Escape") { closeSuggest(); }
  });
  input.addEventListener("blur", function () { setTimeout(closeSuggest, 100); });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(typing);
    clearTimeout(settleTimer);
    typingNow = false;
    pushNext = true;
    closeSuggest();
    go({ q: input.value, lang: langSel.value, mode: modeSel.value, from: 0, view: "", doc: "", section: "", as: "" });
  });
  modeSel.addEventListener("change", function () { go({ mode: modeSel.value, from: 0, as: "", view: "" }); input.focus(); });
  showSel.addEventListener("change", function () { go({ show: showSel.value, from: 0 }); });
  ksortSel.addEventListener("change", function () { go({ ksort: ksortSel.value, from: 0 }); });
  $("dlformat").addEventListener("change", function () { setDownload(lastTotal); });
  langSel.addEventListener("change", function () { go({ lang: langSel.value, from: 0 }); });
  sortSel.addEventListener("change", function () { go({ sort: sortSel.value, from: 0 }); });
  $("prev").addEventListener("click", function () { go({ from: Math.max(0, state.from - pageSize()) }); window.scrollTo(0, 0); });
  $("next").addEventListener("click", function () { go({ from: state.from + pageSize() }); window.scrollTo(0, 0); });
  $("layout").addEventListener("click", function () { prefs.stacked = !prefs.stacked; localStorage.setItem("bisearch.stacked", prefs.stacked ? "1" : "0"); render(); });
  $("swap").addEventListener("click", function () { prefs.enLeft = !prefs.enLeft; localStorage.setItem("bisearch.enLeft", prefs.enLeft ? "1" : "0"); render(); });
  $("back").addEventListener("click", closeDoc);
  $("prevhit").addEventListener("click", function () { moveHit(-1); });
  $("filters").addEventListener("click", function () {
    var open = !document.body.classList.contains("filters-open");
    document.body.classList.toggle("filters-open", open);
    $("filters").setAttribute("aria-expanded", open ? "true" : "false");
  });
  $("nexthit").addEventListener("click", function () { moveHit(1); });

  document.addEventListener("keydown", function (e) {
    var typingInField = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
    if (e.key === "/" && !typingInField) { e.preventDefault(); input.focus(); input.select(); return; }
    if (typingInField || e.ctrlKey || e.metaKey || e.altKey) return;
    if (state.view === "doc") {
      if (e.key === "j") moveHit(1);
      else if (e.key === "k") moveHit(-1);
      else if (e.key === "Escape") closeDoc();
      return;
    }
    if (e.key === "j") { e.preventDefault(); select(current + 1); }
    else if (e.key === "k") { e.preventDefault(); select(current - 1); }
    else if (e.key === "Enter" && current >= 0 && lastHits[current]) { openDoc(lastHits[current].doc.id, lastHits[current].seq); }
    else if (e.key === "c" && current >= 0 && lastHits[current]) {
      copyPair(lastHits[current], results.querySelectorAll(".hit")[current].querySelector(".copy"));
    }
  });
  window.addEventListener("popstate", function () { typingNow = false; pushNext = true; readURL(); render(); });
  readURL();
  render();
})();
