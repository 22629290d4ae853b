// Search page: queries the static index `shelf build` writes under search/.
// The manifest's URL and the site root come from the [data-search] element, so the page works
// at a domain's root and under a sub-path. Only the shards a query's terms fall in are
// fetched, then the result documents of the top hits. normalize() and terms() repeat the
// rules of src/render/search.rs: change both together. Index text is untrusted, so results
// are built with textContent, never innerHTML. The only global is window.shelfSearch, for tests.
(function () {
  "use strict";

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var WORD = /[\p{Alphabetic}\p{M}\p{N}]+/gu;
  var MARK = /^\p{M}$/u;
  var CJK = /^[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\u{20000}-\u{2ffff}]$/u;
  var K1 = 1.2;
  var TITLE_BOOST = 1.5; // added to a term's frequency part (0..K1+1) when the title has it
  var PREFIX_FACTOR = 0.6; // "hoer" matching "hoeryong" counts less than an exact term
  var MAX_EXPANSIONS = 50;
  var MAX_PREFIX_SHARDS = 3;
  var PHRASE_TITLE = 2; // score factors when the query's words appear in this order
  var PHRASE_TEXT = 1.5;
  var PAGE_SIZE = 10;
  var RERANK = 20; // how many top hits the phrase bonus may reorder

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

  function words(text) { return (normalize(text).match(WORD) || []).join(" "); }

  // Code point order, as the index sorts its terms (plain < compares UTF-16 units).
  function compare(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) { return a.codePointAt(i) - b.codePointAt(i); }
    }
    return a.length - b.length;
  }

  function decode(encoded) {
    var postings = [];
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
      postings.push([doc, DIGITS.indexOf(encoded[i++])]);
    }
    return postings;
  }

  function Index(manifestUrl) {
    this.url = new URL(manifestUrl, document.baseURI);
    this.cache = new Map();
    this.manifest = this.fetch(this.url.href);
  }

  Index.prototype.fetch = function (href) {
    if (!this.cache.has(href)) {
      this.cache.set(href, fetch(href).then(function (response) {
        if (!response.ok) { throw new Error(href + ": " + response.status); }
        return response.json();
      }));
    }
    return this.cache.get(href);
  };

  Index.prototype.file = function (manifest, path) {
    return this.fetch(new URL(path + "?v=" + manifest.build, this.url).href);
  };

  Index.prototype.doc = function (number) {
    var self = this;
    return this.manifest.then(function (m) { return self.file(m, "docs/" + number + ".json"); });
  };

  // The shards a term needs: the one it would be in, plus, for prefix matching, the next
  // ones whose first term starts with it (unless that is more than MAX_PREFIX_SHARDS).
  function shardsFor(shards, term) {
    var low = 0;
    var high = shards.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (compare(shards[middle], term) <= 0) { low = middle; } else { high = middle - 1; }
    }
    var last = low;
    while (last + 1 < shards.length && shards[last + 1].startsWith(term)) { last++; }
    var list = [];
    for (var i = low; i <= (last - low < MAX_PREFIX_SHARDS ? last : low); i++) { list.push(i); }
    return list;
  }

  // Ranks every article holding all the query's terms (each term or a word it begins):
  // BM25 with a title boost. Returns [{doc, score}], best first.
  Index.prototype.rank = function (query) {
    var self = this;
    var wanted = Array.from(new Set(terms(normalize(query))));
    if (!wanted.length) { return Promise.resolve([]); }
    return this.manifest.then(function (m) {
      if (m.version !== 1) { throw new Error("unknown index version " + m.version); }
      var plans = wanted.map(function (term) { return shardsFor(m.shards, term); });
      return Promise.all(plans.map(function (plan) {
        return Promise.all(plan.map(function (i) { return self.file(m, "terms/" + i + ".json"); }));
      })).then(function (loaded) {
        var perTerm = wanted.map(function (term, t) {
          var keys = [];
          loaded[t].forEach(function (shard) {
            Object.keys(shard).forEach(function (key) {
              if (key.startsWith(term)) { keys.push([key, shard]); }
            });
          });
          keys.sort(function (a, b) { return a[0].length - b[0].length || compare(a[0], b[0]); });
          var scores = new Map();
          keys.slice(0, MAX_EXPANSIONS).forEach(function (entry) {
            var postings = decode(entry[1][entry[0]]);
            var df = postings.length;
            var idf = Math.log(1 + (m.article_count - df + 0.5) / (df + 0.5));
            var factor = entry[0] === term ? 1 : PREFIX_FACTOR;
            postings.forEach(function (p) {
              var tf = (p[1] & 31) / 31 * (K1 + 1) + (p[1] & 32 ? TITLE_BOOST : 0);
              var score = idf * factor * tf;
              if (!(scores.get(p[0]) >= score)) { scores.set(p[0], score); }
            });
          });
          return scores;
        });
        perTerm.sort(function (a, b) { return a.size - b.size; });
        var ranked = [];
        perTerm[0].forEach(function (score, doc) {
          for (var i = 1; i < perTerm.length; i++) {
            if (!perTerm[i].has(doc)) { return; }
            score += perTerm[i].get(doc);
          }
          ranked.push({ doc: doc, score: score });
        });
        return ranked.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      });
    });
  };

  // Ranks, then loads the top hits' documents and favours those with the query's words in
  // order (an exact phrase), in the title most.
  Index.prototype.search = function (query) {
    var self = this;
    var phrase = words(query);
    return this.rank(query).then(function (ranked) {
      var top = ranked.slice(0, RERANK);
      return Promise.all(top.map(function (hit) { return self.doc(hit.doc); })).then(function (docs) {
        top.forEach(function (hit, i) {
          hit.data = docs[i];
          if (phrase.indexOf(" ") < 0) { return; }
          if ((" " + words(docs[i].title) + " ").indexOf(" " + phrase) >= 0) {
            hit.score *= PHRASE_TITLE;
          } else if ((" " + words(docs[i].text) + " ").indexOf(" " + phrase) >= 0) {
            hit.score *= PHRASE_TEXT;
          }
        });
        top.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
        return top.concat(ranked.slice(RERANK));
      });
    });
  };

  // The part of the text around the densest cluster of query terms, as [text, isMatch] pieces.
  function snippet(text, query) {
    var wanted = Array.from(new Set(terms(normalize(query))));
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
    return pieces;
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function resultItem(hit, query, root) {
    var doc = hit.data;
    var item = element("li", "search-result");
    var heading = element("h2");
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
    snippet(doc.text || doc.summary, query).forEach(function (piece) {
      text.appendChild(piece[1] ? element("mark", "", piece[0]) : document.createTextNode(piece[0]));
    });
    item.appendChild(text);
    return item;
  }

  function setUp(box) {
    var index = new Index(box.getAttribute("data-index"));
    var root = box.getAttribute("data-root") || "";
    var form = box.querySelector("form");
    var input = box.querySelector("input[name=q]");
    var status = box.querySelector("[data-search-status]");
    var list = box.querySelector("[data-search-results]");
    var more = box.querySelector("[data-search-more]");
    var current = 0;
    var hits = [];
    var shown = 0;
    var query = "";

    function count() {
      var n = hits.length;
      var what = n === 1 ? "1 article matches" : n + " articles match";
      if (!n) { what = "No article matches"; }
      var showing = shown < n ? " Showing the first " + shown + "." : "";
      return what + " “" + query + "”." + showing;
    }

    function showMore(focusFirst) {
      var page = hits.slice(shown, shown + PAGE_SIZE);
      var ticket = current;
      return Promise.all(page.map(function (hit) {
        return hit.data ? hit : index.doc(hit.doc).then(function (data) { hit.data = data; return hit; });
      })).then(function () {
        if (ticket !== current) { return; }
        var first = null;
        page.forEach(function (hit) {
          var item = resultItem(hit, query, root);
          first = first || item;
          list.appendChild(item);
        });
        shown += page.length;
        more.hidden = shown >= hits.length;
        status.textContent = count();
        if (focusFirst && first) { first.querySelector("a").focus(); }
      });
    }

    function run(text) {
      var ticket = ++current;
      query = text.trim();
      list.textContent = "";
      more.hidden = true;
      hits = [];
      shown = 0;
      if (!query) { status.textContent = "Type a word to search."; return Promise.resolve(); }
      status.textContent = "Searching…";
      return index.search(query).then(function (found) {
        if (ticket !== current) { return; }
        hits = found;
        return showMore(false);
      }).catch(function () {
        if (ticket !== current) { return; }
        status.textContent = "The search index could not be loaded. Search works when the site is served over HTTP, not opened from disk.";
      });
    }

    function fromLocation() {
      var q = new URLSearchParams(window.location.search).get("q") || "";
      input.value = q;
      if (q) { run(q); }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.pushState(null, "", url.href);
      run(input.value);
    });
    more.addEventListener("click", function () { showMore(true); });
    window.addEventListener("popstate", fromLocation);
    fromLocation();
    return { index: index, run: run };
  }

  var box = document.querySelector("[data-search]");
  var page = box ? setUp(box) : null;
  window.shelfSearch = {
    normalize: normalize,
    terms: terms,
    snippet: snippet,
    // An index by its manifest's URL, with rank(query) and search(query), for tests.
    open: function (manifestUrl) { return new Index(manifestUrl); },
    // Resolves to every matching article, best first; the top ones carry their document.
    search: function (query) { return page ? page.index.search(query) : Promise.resolve([]); },
    run: function (query) { return page ? page.run(query) : Promise.resolve(); }
  };
})();
