// Search as you type: queries the static index `shelf build` writes under search/.
// Two places use it: the header's box on every page ([data-search-live], a short list under
// the box) and the search page ([data-search], every result, with filters in the address).
// Each names the manifest's URL and the site root, so it works at a domain's root and
// under a sub-path. The index is fetched only when the reader starts to search; then only
// the term shards a query's words fall in, the files of the result documents shown, and the
// filter lists when a filter is chosen. normalize() and terms() repeat the rules of
// src/link/terms.rs: change both together. Index text is untrusted, so results are built
// with textContent, never innerHTML. The only global is window.shelfSearch, for tests.
(function () {
  "use strict";

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var WORD = /[\p{Alphabetic}\p{M}\p{N}]+/gu;
  var MARK = /^\p{M}$/u;
  var CJK = /^[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\u{20000}-\u{2ffff}]$/u;
  var VERSION = 2;
  var K1 = 1.2;
  var TITLE_BOOST = 1.5; // added to a term's frequency part (0..K1+1) when the title has it
  var PREFIX_FACTOR = 0.6; // "hoer" matching "hoeryong" counts less than the whole word
  var TYPO_FACTOR = [1, 0.4, 0.25]; // by edit distance
  var MIN_PREFIX = 3; // a shorter last word matches by prefix only when it is no word itself
  var MAX_EXPANSIONS = 50;
  var MAX_TYPOS = 8;
  var MAX_PREFIX_SHARDS = 2;
  var PAGE_SIZE = 10;
  var LIVE_SIZE = 5;
  var LIVE_MIN = 3; // the header's list shows at least this many, budget or not
  var REQUEST_BUDGET = 6; // files one query in the header may fetch
  var DEBOUNCE_MS = 120;

  function normalize(text) {
    return text.toLowerCase().normalize("NFD").replace(DIACRITICS, "").normalize("NFC").replace(/ς/g, "σ");
  }

  function isCjk(c) { return CJK.test(c); }

  // The terms of normalized text: words, split between CJK and other scripts; CJK runs give
  // their character bigrams.
  function terms(normalized) {
    var out = [];
    (normalized.match(WORD) || []).forEach(function (word) {
      var run = [];
      var flush = function () {
        if (run.length > 1 && isCjk(run[0])) {
          for (var i = 0; i + 1 < run.length; i++) { out.push(run[i] + run[i + 1]); }
        } else if (run.length) {
          out.push(run.join(""));
        }
        run = [];
      };
      Array.from(word).forEach(function (c) {
        if (run.length && !MARK.test(c) && isCjk(run[run.length - 1]) !== isCjk(c)) { flush(); }
        run.push(c);
      });
      flush();
    });
    return out;
  }

  // Code point order, as the index sorts its terms (plain < compares UTF-16 units).
  function compare(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) { return a.codePointAt(i) - b.codePointAt(i); }
    }
    return a.length - b.length;
  }

  // Edit distance with adjacent transpositions, or limit + 1 once it must exceed limit.
  function distance(a, b, limit) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var before = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) { previous.push(j); }
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var best = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var value = Math.min(previous[k] + 1, row[k - 1] + 1, previous[k - 1] + cost);
        if (before && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          value = Math.min(value, before[k - 2] + 1);
        }
        row.push(value);
        best = Math.min(best, value);
      }
      if (best > limit) { return limit + 1; }
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // How many edits a word may be from the reader's: none under 5 letters, 1 from 5, 2 from 8.
  function typoLimit(term) {
    var n = Array.from(term).length;
    if (isCjk(Array.from(term)[0])) { return 0; }
    return n >= 8 ? 2 : n >= 5 ? 1 : 0;
  }

  function decodeNumbers(encoded, withWeights) {
    var out = [];
    var doc = 0;
    var i = 0;
    while (i < encoded.length) {
      var gap = 0;
      var digit;
      do {
        digit = DIGITS.indexOf(encoded[i++]);
        gap = gap * 32 + (digit & 31);
      } while (digit & 32);
      doc += gap;
      out.push(withWeights ? [doc, DIGITS.indexOf(encoded[i++])] : doc);
    }
    return out;
  }

  function Index(manifestUrl) {
    this.url = new URL(manifestUrl, document.baseURI);
    this.cache = new Map();
    this.requests = 0; // network requests so far (a cached file is not one)
    this.manifest = null;
  }

  Index.prototype.fetch = function (href) {
    if (!this.cache.has(href)) {
      this.requests++;
      var self = this;
      var loading = fetch(href).then(function (response) {
        if (!response.ok) { throw new Error(href + ": " + response.status); }
        return response.json();
      });
      // A failed file may be fetched again by the next query.
      loading.catch(function () { self.cache.delete(href); });
      this.cache.set(href, loading);
    }
    return this.cache.get(href);
  };

  Index.prototype.open = function () {
    if (!this.manifest) {
      var self = this;
      this.manifest = this.fetch(this.url.href).then(function (m) {
        if (m.version !== VERSION) { throw new Error("unknown index version " + m.version); }
        return m;
      });
      this.manifest.catch(function () { self.manifest = null; });
    }
    return this.manifest;
  };

  Index.prototype.file = function (manifest, path) {
    return this.fetch(new URL(path + "?v=" + manifest.build, this.url).href);
  };

  // The URL of the file holding article `n`'s document, and whether it is loaded already.
  Index.prototype.docHref = function (manifest, n) {
    return new URL("docs/" + Math.floor(n / manifest.docs_per_shard) + ".json?v=" + manifest.build, this.url).href;
  };

  // The first hits, at most `size`, as far as their document files fit in `budget` more
  // requests (at least `minimum` of them whatever they cost), in rank order.
  Index.prototype.affordable = function (hits, size, budget, minimum) {
    var self = this;
    return this.open().then(function (m) {
      var files = new Set();
      var out = [];
      for (var i = 0; i < hits.length && out.length < size; i++) {
        var href = self.docHref(m, hits[i].doc);
        var extra = self.cache.has(href) || files.has(href) ? 0 : 1;
        if (out.length >= minimum && files.size + extra > budget) { break; }
        if (extra) { files.add(href); }
        out.push(hits[i]);
      }
      return out;
    });
  };

  // The documents of articles `numbers`, in that order: one file per DOCS_PER_SHARD.
  Index.prototype.docs = function (numbers) {
    var self = this;
    return this.open().then(function (m) {
      return Promise.all(numbers.map(function (n) {
        return self.file(m, "docs/" + Math.floor(n / m.docs_per_shard) + ".json").then(function (shard) {
          return shard[n % m.docs_per_shard];
        });
      }));
    });
  };

  // The articles of a topic or year filter, as a Set, or null when there is no filter.
  Index.prototype.allowed = function (m, filters) {
    if (!filters || (!filters.topic && !filters.year)) { return Promise.resolve(null); }
    return this.file(m, "facets.json").then(function (facets) {
      var sets = [];
      if (filters.topic) { sets.push(new Set(decodeNumbers(facets.topics[filters.topic] || "", false))); }
      if (filters.year) { sets.push(new Set(decodeNumbers(facets.years[filters.year] || "", false))); }
      var allowed = sets[0];
      if (sets[1]) { allowed = new Set(Array.from(allowed).filter(function (d) { return sets[1].has(d); })); }
      return allowed;
    });
  };

  // The shard a term would be in, plus, for prefix matching, the next ones whose first term
  // starts with it (when they are at most MAX_PREFIX_SHARDS).
  function shardsFor(shards, term, isPrefix) {
    var low = 0;
    var high = shards.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (compare(shards[middle], term) <= 0) { low = middle; } else { high = middle - 1; }
    }
    var last = low;
    while (isPrefix && last + 1 < shards.length && shards[last + 1].startsWith(term)) { last++; }
    var list = [];
    for (var i = low; i <= (last - low < MAX_PREFIX_SHARDS ? last : low); i++) { list.push(i); }
    return list;
  }

  // The words of the index that stand for one of the reader's: the word itself (kind
  // "word"), words it begins when it is the query's last and long enough or no word itself
  // ("prefix"), and, when it is no word of the index, words within typoLimit edits
  // ("typo"). Returns [[key, encoded postings, factor, kind]].
  function expand(loaded, term, isLast) {
    var exact = null;
    loaded.forEach(function (shard) { if (Object.prototype.hasOwnProperty.call(shard, term)) { exact = shard[term]; } });
    var out = exact ? [[term, exact, 1, "word"]] : [];
    if (isLast && (!exact || Array.from(term).length >= MIN_PREFIX)) {
      var prefixed = [];
      loaded.forEach(function (shard) {
        Object.keys(shard).forEach(function (key) {
          if (key !== term && key.startsWith(term)) { prefixed.push([key, shard[key], PREFIX_FACTOR, "prefix"]); }
        });
      });
      prefixed.sort(function (a, b) { return a[0].length - b[0].length || compare(a[0], b[0]); });
      out = out.concat(prefixed.slice(0, MAX_EXPANSIONS));
    }
    var limit = typoLimit(term);
    if (!out.length && limit) {
      var typos = [];
      loaded.forEach(function (shard) {
        Object.keys(shard).forEach(function (key) {
          var d = distance(term, key, limit);
          if (d <= limit) { typos.push([key, shard[key], TYPO_FACTOR[d], "typo", d]); }
        });
      });
      typos.sort(function (a, b) { return a[4] - b[4] || b[1].length - a[1].length || compare(a[0], b[0]); });
      out = typos.slice(0, MAX_TYPOS);
    }
    return out;
  }

  // Ranks every article holding all the query's words (each as a whole word, the last
  // also as a prefix, a misspelled one by its near spellings), within the filters. Articles
  // matching more words whole come first (so "Kim Jong-un" puts the articles with the word
  // "un" above any that only have a word beginning with it), then BM25 with a title boost.
  // Returns {hits: [{doc, score, whole}], corrected: [[typed, used]]}.
  Index.prototype.rank = function (query, filters) {
    var self = this;
    var wanted = Array.from(new Set(terms(normalize(query))));
    if (!wanted.length) { return Promise.resolve({ hits: [], corrected: [] }); }
    return this.open().then(function (m) {
      var plans = wanted.map(function (term, t) { return shardsFor(m.shards, term, t === wanted.length - 1); });
      return Promise.all([
        Promise.all(plans.map(function (plan) {
          return Promise.all(plan.map(function (i) { return self.file(m, "terms/" + i + ".json"); }));
        })),
        self.allowed(m, filters),
      ]).then(function (both) {
        var loaded = both[0];
        var allowed = both[1];
        var corrected = [];
        var perTerm = wanted.map(function (term, t) {
          var scores = new Map();
          var keys = expand(loaded[t], term, t === wanted.length - 1);
          if (keys.length && keys[0][3] === "typo") { corrected.push([term, keys[0][0]]); }
          keys.forEach(function (entry) {
            var postings = decodeNumbers(entry[1], true);
            var df = postings.length;
            var idf = Math.log(1 + (m.article_count - df + 0.5) / (df + 0.5));
            postings.forEach(function (p) {
              if (allowed && !allowed.has(p[0])) { return; }
              var tf = (p[1] & 31) / 31 * (K1 + 1) + (p[1] & 32 ? TITLE_BOOST : 0);
              var score = idf * entry[2] * tf;
              var known = scores.get(p[0]);
              var whole = entry[3] === "word";
              if (!known || known.score < score || (whole && !known.whole)) {
                scores.set(p[0], { score: known ? Math.max(known.score, score) : score, whole: whole || (known && known.whole) });
              }
            });
          });
          return scores;
        });
        perTerm.sort(function (a, b) { return a.size - b.size; });
        var hits = [];
        perTerm[0].forEach(function (first, doc) {
          var score = first.score;
          var whole = first.whole ? 1 : 0;
          for (var i = 1; i < perTerm.length; i++) {
            var other = perTerm[i].get(doc);
            if (!other) { return; }
            score += other.score;
            whole += other.whole ? 1 : 0;
          }
          hits.push({ doc: doc, score: score, whole: whole });
        });
        hits.sort(function (a, b) { return b.whole - a.whole || b.score - a.score || a.doc - b.doc; });
        return { hits: hits, corrected: corrected };
      });
    });
  };

  // The hits' documents for `hits` (a slice), attached as hit.data.
  Index.prototype.load = function (hits) {
    return this.docs(hits.map(function (h) { return h.doc; })).then(function (docs) {
      hits.forEach(function (hit, i) { hit.data = docs[i]; });
      return hits;
    });
  };

  // The part of the text around the densest cluster of query terms, as [text, isMatch]
  // pieces; `extra` are index words the query was taken to mean (its corrected typos).
  function snippet(text, query, extra) {
    var wanted = Array.from(new Set(terms(normalize(query)).concat(extra || [])));
    var flat = text.replace(/\s+/g, " ");
    var matches = [];
    var found;
    // Its own regex: terms() below runs WORD through match(), which resets lastIndex.
    var scan = new RegExp(WORD.source, "gu");
    while ((found = scan.exec(flat)) !== null) {
      var hits = terms(normalize(found[0])).reduce(function (set, t) {
        wanted.forEach(function (w, i) { if (t.startsWith(w)) { set.push(i); } });
        return set;
      }, []);
      if (hits.length) { matches.push({ start: found.index, end: found.index + found[0].length, hits: hits }); }
    }
    var best = 0;
    var bestCount = -1;
    matches.forEach(function (match, i) {
      var seen = new Set();
      for (var j = i; j < matches.length && matches[j].start < match.start + 160; j++) {
        matches[j].hits.forEach(function (h) { seen.add(h); });
      }
      if (seen.size > bestCount) { best = i; bestCount = seen.size; }
    });
    var center = matches.length ? matches[best].start : 0;
    var start = Math.max(0, flat.lastIndexOf(" ", Math.max(0, center - 60)) + 1);
    if (center - start > 80) { start = center; }
    var end = flat.indexOf(" ", Math.min(flat.length, center + 200));
    if (end < 0) { end = flat.length; }
    var pieces = [];
    if (start > 0) { pieces.push(["…", false]); }
    var at = start;
    matches.forEach(function (match) {
      if (match.start < start || match.end > end) { return; }
      pieces.push([flat.slice(at, match.start), false], [flat.slice(match.start, match.end), true]);
      at = match.end;
    });
    pieces.push([flat.slice(at, end), false]);
    if (end < flat.length) { pieces.push(["…", false]); }
    return { pieces: pieces, matched: matches.length > 0 };
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // One result: its title as a link, source and date, and a snippet (the summary when the
  // match lies beyond the text the index keeps).
  function resultItem(hit, query, root, extra, headingLevel) {
    var doc = hit.data;
    var item = element("li", "search-result");
    var heading = element(headingLevel ? "h" + headingLevel : "p", "search-title");
    var link = element("a", "", doc.title);
    link.href = root + doc.path;
    heading.appendChild(link);
    item.appendChild(heading);
    var meta = element("p", "search-meta");
    if (doc.source) { meta.appendChild(document.createTextNode(doc.source + " · ")); }
    var time = element("time", "", doc.date);
    time.setAttribute("datetime", doc.datetime);
    meta.appendChild(time);
    item.appendChild(meta);
    var text = element("p", "search-snippet");
    var cut = snippet(doc.text, query, extra);
    if (!cut.matched && doc.summary) { cut = snippet(doc.summary, query, extra); }
    cut.pieces.forEach(function (piece) {
      text.appendChild(piece[1] ? element("mark", "", piece[0]) : document.createTextNode(piece[0]));
    });
    item.appendChild(text);
    return item;
  }

  // The status line's words in the site's language: the theme puts them in a JSON script
  // (`search-strings`, #17); English when a theme does not.
  var MESSAGES = {
    none: "No article matches “{query}”{note}.",
    one: "1 article matches “{query}”{note}.",
    many: "{n} articles match “{query}”{note}.",
    taken_as: " (taken as “{terms}”)",
    type_a_word: "Type a word to search.",
    searching: "Searching…",
    failed: "The search index could not be loaded. Search works when the site is served over HTTP, not opened from disk."
  };
  (function () {
    var script = document.getElementById("search-strings");
    try {
      var given = script ? JSON.parse(script.textContent) : {};
      Object.keys(MESSAGES).forEach(function (key) { if (typeof given[key] === "string") { MESSAGES[key] = given[key]; } });
    } catch (e) { /* keep English */ }
  })();

  // `template` with each `{name}` replaced by values[name]; a function replacement, so a
  // `$` in the reader's query is taken as it is.
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? String(values[name]) : whole; });
  }

  function countText(n, query, corrected) {
    var note = corrected.length ? fill(MESSAGES.taken_as, { terms: corrected.map(function (c) { return c[1]; }).join(", ") }) : "";
    var template = !n ? MESSAGES.none : n === 1 ? MESSAGES.one : MESSAGES.many;
    return fill(template, { n: n, query: query, note: note });
  }

  // Fills a topic and a year <select> from the manifest, keeping a chosen value.
  function fillFilters(m, topicSelect, yearSelect, chosen) {
    if (topicSelect && topicSelect.options.length <= 1) {
      m.topics.forEach(function (t) {
        var option = element("option", "", t[1] + " (" + t[2] + ")");
        option.value = t[0];
        topicSelect.appendChild(option);
      });
    }
    if (yearSelect && yearSelect.options.length <= 1) {
      m.years.forEach(function (y) {
        var option = element("option", "", y[0] + " (" + y[1] + ")");
        option.value = String(y[0]);
        yearSelect.appendChild(option);
      });
    }
    if (chosen) {
      if (topicSelect) { topicSelect.value = chosen.topic || ""; }
      if (yearSelect) { yearSelect.value = chosen.year || ""; }
    }
  }

  // A search box: runs as the reader types (after DEBOUNCE_MS), in a list that the arrow
  // keys move through and Enter opens. `size` results are shown; the search page shows
  // PAGE_SIZE at a time with a "More results" button.
  function SearchBox(box, index, live) {
    this.box = box;
    this.index = index;
    this.live = live;
    this.root = box.getAttribute("data-root") || "";
    this.input = box.querySelector("input[name=q]");
    this.topic = box.querySelector("select[name=topic]");
    this.year = box.querySelector("select[name=year]");
    this.status = box.querySelector("[data-search-status]");
    this.list = box.querySelector("[data-search-results]");
    this.more = box.querySelector("[data-search-more]");
    this.panel = box.querySelector("[data-search-panel]");
    this.ticket = 0;
    this.hits = [];
    this.shown = 0;
    this.query = "";
    this.corrected = [];
    this.timer = null;
    this.last = null; // {query, ms, requests} of the last finished query, for tests
    var self = this;
    this.input.setAttribute("autocomplete", "off");
    this.input.addEventListener("focus", function () {
      self.index.open().then(function (m) { fillFilters(m, self.topic, self.year, null); }).catch(function () {});
    });
    this.input.addEventListener("input", function () { self.schedule(); });
    [this.topic, this.year].forEach(function (select) {
      if (select) { select.addEventListener("change", function () { self.run(); }); }
    });
    box.addEventListener("keydown", function (event) { self.key(event); });
    if (this.more) { this.more.addEventListener("click", function () { self.showMore(true); }); }
    if (live) {
      box.addEventListener("focusout", function (event) {
        if (!box.contains(event.relatedTarget)) { self.close(); }
      });
    }
  }

  SearchBox.prototype.filters = function () {
    return { topic: this.topic ? this.topic.value : "", year: this.year ? this.year.value : "" };
  };

  SearchBox.prototype.schedule = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.run(); }, DEBOUNCE_MS);
  };

  SearchBox.prototype.options = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll(".search-result a"));
  };

  // The arrow keys move the focus itself, from the box into the results' links and between
  // them (a link keeps its own Enter, middle click and context menu); Escape goes back.
  SearchBox.prototype.key = function (event) {
    var options = this.options();
    var at = options.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) { return; }
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      if (at < 0) {
        if (step > 0) { options[0].focus(); }
      } else if (at + step < 0) {
        this.input.focus();
      } else {
        options[Math.min(options.length - 1, at + step)].focus();
      }
    } else if (event.key === "Escape") {
      if (at >= 0) { event.preventDefault(); this.input.focus(); } else if (this.live) { this.close(); }
    }
  };

  SearchBox.prototype.close = function () {
    if (this.panel) { this.panel.hidden = true; }
  };

  SearchBox.prototype.render = function (page, focusFirst) {
    var first = null;
    var self = this;
    var extra = this.corrected.map(function (c) { return c[1]; });
    page.forEach(function (hit) {
      var item = resultItem(hit, self.query, self.root, extra, self.live ? 0 : 2);
      first = first || item;
      self.list.appendChild(item);
    });
    this.shown += page.length;
    if (this.more) { this.more.hidden = this.shown >= this.hits.length; }
    var text = countText(this.hits.length, this.query, this.corrected);
    if (this.shown < this.hits.length) {
      text += this.live ? " Enter shows them all." : " Showing the first " + this.shown + ".";
    }
    this.status.textContent = text;
    if (focusFirst && first) { first.querySelector("a").focus(); }
  };

  SearchBox.prototype.showMore = function (focusFirst) {
    var self = this;
    var ticket = this.ticket;
    var page = this.hits.slice(this.shown, this.shown + PAGE_SIZE);
    return this.index.load(page).then(function () {
      if (ticket === self.ticket) { self.render(page, focusFirst); }
    });
  };

  SearchBox.prototype.run = function () {
    clearTimeout(this.timer);
    var self = this;
    var ticket = ++this.ticket;
    var text = this.input.value.trim();
    var filters = this.filters();
    var started = performance.now();
    var before = this.index.requests;
    this.query = text;
    if (!this.live) { this.syncAddress(filters); }
    if (!text) {
      this.list.textContent = "";
      if (this.more) { this.more.hidden = true; }
      this.status.textContent = this.live ? "" : MESSAGES.type_a_word;
      if (this.live) { this.close(); }
      return Promise.resolve();
    }
    if (this.panel) { this.panel.hidden = false; }
    var all = this.box.querySelector("[data-search-all]");
    if (all) { all.href = this.box.action + "?q=" + encodeURIComponent(text); }
    this.status.textContent = MESSAGES.searching;
    return this.index.rank(text, filters).then(function (ranked) {
      if (ticket !== self.ticket) { return; }
      // The header's list keeps within REQUEST_BUDGET: past LIVE_MIN results it stops at
      // the first whose file would cost one request too many (Enter shows them all).
      var used = self.index.requests - before;
      var chosen = self.live
        ? self.index.affordable(ranked.hits, LIVE_SIZE, REQUEST_BUDGET - used, LIVE_MIN)
        : Promise.resolve(ranked.hits.slice(0, PAGE_SIZE));
      var page;
      return chosen.then(function (list) {
        page = list;
        return self.index.load(page);
      }).then(function () {
        if (ticket !== self.ticket) { return; }
        self.hits = ranked.hits;
        self.corrected = ranked.corrected;
        self.shown = 0;
        self.list.textContent = "";
        self.render(page, false);
        self.last = { query: text, ms: performance.now() - started, requests: self.index.requests - before };
      });
    }).catch(function () {
      if (ticket !== self.ticket) { return; }
      self.list.textContent = "";
      self.status.textContent = MESSAGES.failed;
    });
  };

  // The search page keeps the query and filters in its address, so a search can be shared.
  SearchBox.prototype.syncAddress = function (filters) {
    var url = new URL(window.location.href);
    var q = this.input.value;
    [["q", q], ["topic", filters.topic], ["year", filters.year]].forEach(function (pair) {
      if (pair[1]) { url.searchParams.set(pair[0], pair[1]); } else { url.searchParams.delete(pair[0]); }
    });
    if (url.href !== window.location.href) { window.history.replaceState(null, "", url.href); }
  };

  var boxes = [];
  var indexes = new Map();
  function indexFor(element) {
    var href = new URL(element.getAttribute("data-index"), document.baseURI).href;
    if (!indexes.has(href)) { indexes.set(href, new Index(href)); }
    return indexes.get(href);
  }

  var page = document.querySelector("[data-search]");
  var header = document.querySelector("[data-search-live]");
  var pageBox = null;
  if (page) {
    pageBox = new SearchBox(page, indexFor(page), false);
    var params = new URLSearchParams(window.location.search);
    pageBox.input.value = params.get("q") || "";
    var chosen = { topic: params.get("topic") || "", year: params.get("year") || "" };
    var form = page.querySelector("form");
    form.addEventListener("submit", function (event) { event.preventDefault(); pageBox.run(); });
    if (chosen.topic || chosen.year || pageBox.input.value) {
      pageBox.index.open().then(function (m) {
        fillFilters(m, pageBox.topic, pageBox.year, chosen);
        return pageBox.run();
      }).catch(function () { pageBox.run(); });
    } else {
      pageBox.run();
    }
    boxes.push(pageBox);
  }
  if (header) {
    var headerBox = new SearchBox(header, indexFor(header), true);
    // On the search page, the header's box searches there instead of in a second list.
    if (pageBox) { header.hidden = true; } else { boxes.push(headerBox); }
  }
  var keyBox = pageBox || (boxes.length ? boxes[0] : null);

  // "/" and Ctrl+K (Cmd+K on a Mac) focus the search box, unless the reader is typing.
  document.addEventListener("keydown", function (event) {
    if (!keyBox) { return; }
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    var isSlash = event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
    var isK = (event.ctrlKey || event.metaKey) && (event.key === "k" || event.key === "K");
    if (isSlash || isK) {
      event.preventDefault();
      keyBox.input.focus();
      keyBox.input.select();
    }
  });

  window.shelfSearch = {
    normalize: normalize,
    terms: terms,
    distance: distance,
    snippet: function (text, query) { return snippet(text, query).pieces; },
    // An index by its manifest's URL, with rank(query, filters) and load(hits), for tests.
    open: function (manifestUrl) { return new Index(manifestUrl); },
    // The box in use (the search page's, or the header's) and its last query's figures.
    box: function () { return keyBox; },
    last: function () { return keyBox ? keyBox.last : null; },
  };
})();
