(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("ectd-data").textContent);
  var byKey = {};
  DATA.entries.forEach(function (e) { byKey[e.key] = e; });
  var seqByName = {};
  DATA.sequences.forEach(function (s) { seqByName[s.name] = s; });
  var state = { view: "current", selected: null, filter: "", openAll: false };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; }
      else if (k === "cls") { node.className = attrs[k]; }
      else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); } });
    return node;
  }

  function seqLabel(name) {
    var s = seqByName[name];
    return s && s.number && s.number !== name ? s.number + " (" + name + ")" : name;
  }

  /* the sequence number alone, for badges and the sequences table (seqLabel adds the folder name) */
  function seqShort(name) { var s = seqByName[name]; return (s && s.number) || name; }

  function opBadge(op, text) { return el("span", { cls: "op " + op, text: text || op }); }

  function natural(a, b) {
    var ax = a.match(/(\d+|\D+)/g) || [], bx = b.match(/(\d+|\D+)/g) || [];
    for (var i = 0; i < Math.min(ax.length, bx.length); i++) {
      var x = ax[i], y = bx[i];
      if (x === y) { continue; }
      var nx = /^\d/.test(x), ny = /^\d/.test(y);
      if (nx && ny) { return parseInt(x, 10) - parseInt(y, 10); }
      return x < y ? -1 : 1;
    }
    return ax.length - bx.length;
  }

  function byBackbone(a, b) {
    var ra = DATA.order[a], rb = DATA.order[b];
    if (ra !== undefined && rb !== undefined && ra !== rb) { return ra - rb; }
    return natural(a, b);
  }

  function fileLink(ev) {
    if (!ev || !ev.href) { return el("span", { cls: "missing", text: "no file" }); }
    var a = el("a", { cls: "open", href: ev.href, target: "_blank", rel: "noopener", text: ev.exists ? "open" : "open (missing)" });
    if (!ev.exists) { a.title = "The file is not present in this folder"; }
    return a;
  }

  /* ---- the items of a view: [{key, section, title, badges, event}] ------------------------ */
  function itemsFor(view) {
    if (view === "current" || view === "cumulative") {
      var keys = DATA.views[view];
      return keys.map(function (k) {
        var e = byKey[k];
        var last = e.history[e.history.length - 1];
        var badges = [];
        if (view === "current") {
          badges.push(opBadge(last.operation, last.operation + " " + seqShort(last.sequence)));
        } else {
          e.history.forEach(function (h) { badges.push(opBadge(h.operation, h.operation + " " + seqShort(h.sequence))); });
        }
        if (e.orphan) { badges.push(opBadge("orphan", "target not in this application")); }
        var shown = e.status === "deleted" ? null : last;
        return { key: k, section: e.section, title: e.title, badges: badges, event: shown, deleted: e.status === "deleted" };
      });
    }
    if (view.indexOf("asof:") === 0) {
      var upto = view.slice(5);
      return DATA.views.as_of[upto].map(function (pair) {
        var e = byKey[pair[0]];
        var h = e.history[pair[1] - 1];
        var later = e.history[pair[1]];
        var badges = [opBadge(h.operation, h.operation + " " + seqShort(h.sequence))];
        if (later) { badges.push(opBadge("later", "later: " + later.operation + " " + seqShort(later.sequence))); }
        return { key: pair[0], section: h.section || e.section, title: h.title || e.title, badges: badges, event: h, deleted: false, upto: pair[1] };
      });
    }
    var name = view.slice(4);
    var seq = seqByName[name];
    return seq.events.map(function (ev) {
      var e = byKey[ev.key];
      var h = e.history.filter(function (x) { return x.sequence === name; })[0];
      return { key: ev.key, section: h.section || e.section, title: h.title || e.title, badges: [opBadge(ev.operation)], event: ev.operation === "delete" ? null : h, deleted: ev.operation === "delete" };
    });
  }

  /* ---- the tree ---------------------------------------------------------------------------- */
  function buildTree(items) {
    var root = { children: {}, items: [] };
    items.forEach(function (it) {
      var node = root;
      it.section.forEach(function (label) {
        node.children[label] = node.children[label] || { children: {}, items: [] };
        node = node.children[label];
      });
      node.items.push(it);
    });
    return root;
  }

  function countItems(node) {
    var n = node.items.length;
    Object.keys(node.children).forEach(function (k) { n += countItems(node.children[k]); });
    return n;
  }

  function renderNode(node, container, depth) {
    Object.keys(node.children).sort(byBackbone).forEach(function (label) {
      var child = node.children[label];
      var det = el("details", { cls: "node", "data-label": label, role: "group" });
      if (depth < 1 || state.filter || state.openAll) { det.open = true; }
      var sum = el("summary", {}, [label, el("span", { cls: "count", text: String(countItems(child)) })]);
      det.appendChild(sum);
      renderNode(child, det, depth + 1);
      container.appendChild(det);
    });
    node.items.forEach(function (it) {
      var row = el("div", { cls: "leaf" + (it.deleted ? " deleted" : "") + (state.selected === it.key ? " selected" : ""), "data-key": it.key, tabindex: "0", role: "treeitem" },
        [el("span", { cls: "title", text: it.title })]);
      it.badges.forEach(function (b) { row.appendChild(b); });
      if (it.event) { row.appendChild(fileLink(it.event)); }
      row.addEventListener("click", function (ev) { if (ev.target.tagName !== "A") { select(it.key); } });
      row.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { select(it.key); } });
      container.appendChild(row);
    });
  }

  function matches(it) {
    if (!state.filter) { return true; }
    var hay = (it.title + " " + it.section.join(" ")).toLowerCase();
    return hay.indexOf(state.filter) >= 0;
  }

  var INTRO = {
    current: "What is in force after the last sequence.",
    cumulative: "Every document ever submitted, with its history (new, replaced, deleted)."
  };

  function drawTree() {
    var tree = document.getElementById("tree");
    tree.textContent = "";
    var items = itemsFor(state.view).filter(matches);
    var intro = INTRO[state.view];
    if (!intro && state.view.indexOf("asof:") === 0) {
      intro = "What was in force after sequence " + seqLabel(state.view.slice(5)) + " (later sequences not applied).";
    } else if (!intro) {
      var seq = seqByName[state.view.slice(4)];
      intro = "Leaves of sequence " + seqLabel(seq.name) + ": " + Object.keys(seq.counts).map(function (k) { return seq.counts[k] + " " + k; }).join(", ") + ".";
    }
    document.getElementById("view-intro").textContent = intro + " " + items.length + " document(s) shown.";
    state.openAll = items.length <= 30;
    renderNode(buildTree(items), tree, 0);
  }

  /* ---- the detail pane ---------------------------------------------------------------------- */
  function kv(rows) {
    var t = el("table");
    rows.forEach(function (r) { if (r[1] !== null && r[1] !== undefined && r[1] !== "") { t.appendChild(el("tr", {}, [el("th", { text: r[0] }), el("td", {}, [typeof r[1] === "string" ? r[1] : r[1]])])); } });
    return t;
  }

  function problemsTable(problems) {
    var t = el("table", { cls: "problems" });
    t.appendChild(el("tr", {}, [el("th", { text: "severity" }), el("th", { text: "code" }), el("th", { text: "message" })]));
    problems.forEach(function (p) {
      var where = p.file ? p.file + (p.line ? ":" + p.line : "") : "";
      t.appendChild(el("tr", {}, [el("td", { cls: "sev-" + p.severity, text: p.severity }), el("td", { cls: "mono", text: p.code }),
        el("td", {}, [p.message, where ? el("div", { cls: "path", text: where }) : null])]));
    });
    return t;
  }

  function checkBadge(name) {
    var c = DATA.check;
    if (!c.ran) { return el("span", { cls: "badge", text: "check " + c.reason }); }
    var probs = c.sequences[name] || [];
    var errors = probs.filter(function (p) { return p.severity === "error"; }).length;
    var warnings = probs.filter(function (p) { return p.severity === "warning"; }).length;
    var notRun = c.not_run.filter(function (n) { return n.sequence === name || n.sequence === null; }).length;
    var text = errors ? errors + " error(s), " + warnings + " warning(s)" : (warnings ? warnings + " warning(s)" : "check passed");
    if (!errors && notRun) { text = (warnings ? text + ", " : "no problems found, ") + notRun + " check(s) not run"; }
    return el("span", { cls: "badge " + (errors ? "bad" : (notRun ? "partial" : "good")), text: text });
  }

  function showEntry(key) {
    var e = byKey[key];
    var d = document.getElementById("detail");
    d.textContent = "";
    d.appendChild(el("h2", { text: e.title }));
    d.appendChild(el("p", { cls: "path", text: e.section.join(" \u203a ") }));
    var status = e.status === "deleted" ? "deleted" : "in force";
    var upto = asOfCount(key);
    if (upto !== null) { status = (upto ? "in force" : "not in force") + " as of sequence " + seqLabel(state.view.slice(5)) + "; now " + status; }
    d.appendChild(kv([["status", status], ["section", e.code], ["lifecycle key", e.key],
      ["appends to", e.appends_to ? (byKey[e.appends_to] ? byKey[e.appends_to].title : e.appends_to) : null],
      ["note", e.orphan ? "the first leaf targets a leaf that is not in this application (an earlier sequence not present)" : null]]));
    d.appendChild(el("h3", { text: "History" }));
    var ol = el("ol", { cls: "timeline" });
    e.history.forEach(function (h, i) {
      var after = upto !== null && i >= upto;
      ol.appendChild(el("li", { cls: h.operation + (after ? " later" : ""), "data-sequence": h.sequence }, [
        opBadge(h.operation), " in sequence ", el("strong", { text: seqLabel(h.sequence) }), " ", h.operation === "delete" ? null : fileLink(h),
        el("div", { text: h.title }),
        el("div", { cls: "path", text: (h.file || "") + (h.checksum ? "  md5 " + h.checksum : "") }),
        h.modified_file ? el("div", { cls: "path", text: "modified-file " + h.modified_file }) : null
      ]));
    });
    d.appendChild(ol);
    if (e.review) { d.appendChild(reviewPanel(e.review)); }
  }

  function asOfCount(key) {
    if (state.view.indexOf("asof:") !== 0) { return null; }
    var found = DATA.views.as_of[state.view.slice(5)].filter(function (pair) { return pair[0] === key; })[0];
    return found ? found[1] : 0;
  }

  /* ---- review copy: the values the document prints and where each was written -------------- */
  function reviewPanel(review) {
    var box = el("div", { cls: "review" }, [el("h3", { text: "Values and their sources" })]);
    if (review.html) {
      box.appendChild(el("p", {}, [el("a", { cls: "open", href: review.html, target: "_blank", rel: "noopener", text: "open the review HTML" }),
        " (hover a value there to see its source)"]));
    }
    var t = el("table", { cls: "provenance" });
    t.appendChild(el("tr", {}, [el("th", { text: "value" }), el("th", { text: "written at" })]));
    review.values.forEach(function (v) {
      t.appendChild(el("tr", {}, [el("td", { cls: "value", "data-source": v[1], title: v[1], text: v[0] }), el("td", { cls: "mono", text: v[1] })]));
    });
    box.appendChild(t);
    return box;
  }

  function showSequence(name) {
    var s = seqByName[name];
    var d = document.getElementById("detail");
    d.textContent = "";
    d.appendChild(el("h2", { text: "Sequence " + seqLabel(name) }));
    d.appendChild(el("p", {}, [checkBadge(name)]));
    d.appendChild(kv([["region", s.region || "unknown"], ["leaves", Object.keys(s.counts).map(function (k) { return s.counts[k] + " " + k; }).join(", ")]].concat(
      s.backbones.map(function (b) { return [b.path, b.root + (b.version ? " " + b.version : "") + (b.doctype ? " (" + b.doctype + ")" : "")]; }))));
    s.envelopes.forEach(function (env, i) {
      d.appendChild(el("h3", { text: s.envelopes.length > 1 ? "Envelope " + (i + 1) : "Envelope" }));
      d.appendChild(kv(env.fields.filter(function (f) { return f[1]; }).concat(env.attributes)));
    });
    if (!s.envelopes.length) { d.appendChild(el("p", { cls: "hint", text: "No envelope found (no regional Module 1 backbone was read)." })); }
    if (s.read_errors.length) {
      d.appendChild(el("h3", { text: "Read errors" }));
      d.appendChild(problemsTable(s.read_errors.map(function (e) { return { severity: "error", code: e.kind, message: e.message, file: e.file, line: e.line }; })));
    }
    d.appendChild(el("h3", { text: "ectd check" }));
    var probs = DATA.check.ran ? (DATA.check.sequences[name] || []) : [];
    if (!DATA.check.ran) { d.appendChild(el("p", { cls: "hint", text: "The check did not run: " + DATA.check.reason })); }
    else if (!probs.length) { d.appendChild(el("p", { text: "No problems found in this sequence." })); }
    else { d.appendChild(problemsTable(probs)); }
    notRun(d);
  }

  function notRun(d) {
    if (DATA.check.ran && DATA.check.not_run.length) {
      d.appendChild(el("h3", { text: "Checks that did not run" }));
      var ul = el("ul");
      DATA.check.not_run.forEach(function (n) { ul.appendChild(el("li", { text: (n.file ? n.file + ": " : "") + n.check + ": " + n.reason })); });
      d.appendChild(ul);
    }
  }

  function showApplication() {
    var d = document.getElementById("detail");
    d.textContent = "";
    d.appendChild(el("h2", { text: "Sequences" }));
    var t = el("table", { cls: "sequences" });
    DATA.sequences.forEach(function (s) {
      var env = s.envelopes[0];
      var desc = "";
      if (env) { env.fields.forEach(function (f) { if (!desc && /description/.test(f[0]) && f[1]) { desc = f[1]; } }); }
      var btn = el("a", { href: "#", text: seqShort(s.name), "data-goto": "seq:" + s.name });
      btn.addEventListener("click", function (ev) { ev.preventDefault(); setView("seq:" + s.name); });
      var folder = seqShort(s.name) !== s.name ? el("div", { cls: "path", text: s.name }) : null;
      t.appendChild(el("tr", { cls: seqRowClass(s.name) }, [el("td", {}, [btn, folder]), el("td", { text: Object.keys(s.counts).map(function (k) { return s.counts[k] + " " + k; }).join(", ") }),
        el("td", {}, [checkBadge(s.name)]), el("td", { text: desc })]));
    });
    d.appendChild(t);
    if (DATA.check.ran && DATA.check.application.length) {
      d.appendChild(el("h3", { text: "Application-level findings" }));
      d.appendChild(problemsTable(DATA.check.application));
    }
    notRun(d);
    d.appendChild(el("p", { cls: "hint", text: "Choose a document in the tree to see its history." }));
  }

  /* in an "as of" view: the sequence viewed is marked, later ones are shown as not yet applied */
  function seqRowClass(name) {
    if (state.view.indexOf("asof:") !== 0) { return ""; }
    var upto = state.view.slice(5), names = DATA.sequences.map(function (s) { return s.name; });
    var i = names.indexOf(name), j = names.indexOf(upto);
    return i === j ? "as-of" : (i > j ? "later" : "");
  }

  function select(key) {
    state.selected = key;
    Array.prototype.forEach.call(document.querySelectorAll(".leaf"), function (n) {
      n.classList.toggle("selected", n.getAttribute("data-key") === key);
    });
    showEntry(key);
  }

  function setView(view) {
    state.view = view;
    state.selected = null;
    Array.prototype.forEach.call(document.querySelectorAll("nav#views button"), function (b) {
      b.setAttribute("aria-selected", b.getAttribute("data-view") === view ? "true" : "false");
    });
    document.getElementById("as-of").value = view.indexOf("asof:") === 0 ? view.slice(5) : "";
    if (decodeURIComponent((location.hash || "").slice(1)) !== view) {
      try { history.replaceState(null, "", "#" + encodeURIComponent(view)); } catch (err) { /* some file:// contexts refuse */ }
    }
    drawTree();
    if (view.indexOf("seq:") === 0) { showSequence(view.slice(4)); } else { showApplication(); }
  }

  function init() {
    var app = DATA.application;
    document.getElementById("app-title").textContent = app.name + (app.region ? " (" + app.region.toUpperCase() + ")" : "");
    var current = DATA.views.current.length, all = DATA.views.cumulative.length;
    document.getElementById("app-summary").textContent = DATA.sequences.length + " sequence(s), " + all + " document(s) submitted, " + current + " in force.";
    var nav = document.getElementById("views");
    [["current", "Current"], ["cumulative", "Cumulative"]].forEach(function (v) {
      var b = el("button", { type: "button", "data-view": v[0], role: "tab", text: v[1] });
      b.addEventListener("click", function () { setView(v[0]); });
      nav.appendChild(b);
    });
    nav.appendChild(el("span", { cls: "sep" }));
    DATA.sequences.forEach(function (s) {
      var b = el("button", { type: "button", "data-view": "seq:" + s.name, role: "tab", text: seqLabel(s.name) });
      b.addEventListener("click", function () { setView("seq:" + s.name); });
      nav.appendChild(b);
    });
    var pick = el("select", { id: "as-of", "aria-label": "As of sequence" }, [el("option", { value: "", text: "\u2014" })]);
    DATA.sequences.forEach(function (s) { pick.appendChild(el("option", { value: s.name, text: seqLabel(s.name) })); });
    pick.addEventListener("change", function () { setView(pick.value ? "asof:" + pick.value : "current"); });
    nav.appendChild(el("span", { cls: "sep" }));
    nav.appendChild(el("label", { cls: "as-of" }, ["As of sequence ", pick]));
    document.getElementById("filter").addEventListener("input", function (ev) { state.filter = ev.target.value.trim().toLowerCase(); drawTree(); });
    document.getElementById("expand-all").addEventListener("click", function () { Array.prototype.forEach.call(document.querySelectorAll("#tree details"), function (n) { n.open = true; }); });
    document.getElementById("collapse-all").addEventListener("click", function () { Array.prototype.forEach.call(document.querySelectorAll("#tree details"), function (n) { n.open = false; }); });
    window.addEventListener("hashchange", function () { setView(fromHash()); });
    setView(fromHash());
  }

  /* a view can be linked: index.html#asof:0001, #seq:0002, #cumulative */
  function fromHash() {
    var h = decodeURIComponent((location.hash || "").slice(1));
    if (h === "current" || h === "cumulative") { return h; }
    if (h.indexOf("seq:") === 0 && seqByName[h.slice(4)]) { return h; }
    if (h.indexOf("asof:") === 0 && DATA.views.as_of[h.slice(5)]) { return h; }
    return "current";
  }

  init();
}());
