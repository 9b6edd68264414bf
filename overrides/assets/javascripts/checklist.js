/* checklist-site in the browser: boxes ticked on screen (kept in this browser), live progress, the
   Record panel that turns ticks into status-file entries and `checklist-site mark` commands, item
   names for screen readers, landing on an item with its group heading in view, stacked tables on
   phones. Plain DOM, no network: it works from a web server, from file:// and under Zensical. */
(function () {
  "use strict";

  var STORE = "checklist-site:ticks:"; // + checklist id -> {item id: "YYYY-MM-DD"}
  var NAME = "checklist-site:name";

  /* ---- storage (localStorage may be missing or refuse writes: ticks then last until reload) ---- */
  var memory = {};
  function load(key) {
    try {
      var text = window.localStorage.getItem(key);
      return text ? JSON.parse(text) : {};
    } catch (e) {
      return memory[key] || {};
    }
  }
  function save(key, value) {
    memory[key] = value;
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* kept in memory */ }
  }
  function loadName() {
    try { return window.localStorage.getItem(NAME) || ""; } catch (e) { return ""; }
  }
  function saveName(name) {
    try { window.localStorage.setItem(NAME, name); } catch (e) { /* not kept */ }
  }
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var key in attrs || {}) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    }
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* ---- items on the page ---- */

  /* The item's own words (its badge, text and state, not its sub-items or details). */
  function ownText(li) {
    var parts = [];
    function walk(node) {
      for (var child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) parts.push(child.nodeValue);
        else if (child.nodeType === 1) {
          var tag = child.tagName;
          if (tag === "UL" || tag === "OL" || tag === "PRE" || tag === "DIV" || tag === "TABLE") continue;
          if (child.classList.contains("cl-permalink") || child.classList.contains("cl-local-tag") || child.classList.contains("cl-runbook-link")) continue;
          if (tag === "P" && child !== node.querySelector(":scope > p")) continue; // details paragraphs
          walk(child);
        }
      }
    }
    walk(li);
    return parts.join("").replace(/\s+/g, " ").trim();
  }

  function boxOf(li) {
    var boxes = li.querySelectorAll(".task-list-control input[type=checkbox]");
    for (var i = 0; i < boxes.length; i++) if (boxes[i].closest(".task-list-item") === li) return boxes[i];
    return null;
  }

  function itemId(li) {
    if (li.id) return li.id;
    var first = li.querySelector(":scope > p[id]");
    return first ? first.id : "";
  }

  /* Every task-list box gets its item as accessible name (sheets included, and their table cells). */
  function nameBoxes() {
    var items = document.querySelectorAll(".md-typeset .task-list-item");
    for (var i = 0; i < items.length; i++) {
      var box = boxOf(items[i]);
      if (box && !box.hasAttribute("aria-label")) box.setAttribute("aria-label", ownText(items[i]) || "item");
    }
  }

  /* ---- ticking ---- */

  function Ticker(marker) {
    this.checklist = marker.getAttribute("data-checklist");
    this.statusFile = marker.getAttribute("data-status-file");
    this.key = STORE + this.checklist;
    this.article = marker.closest(".md-content") || document;
    this.items = [];
    this.undo = null;
  }

  Ticker.prototype.ticks = function () { return load(this.key); };

  Ticker.prototype.setup = function () {
    var self = this;
    var lis = this.article.querySelectorAll("li.task-list-item");
    var ticks = this.ticks();
    for (var i = 0; i < lis.length; i++) {
      var li = lis[i];
      var id = itemId(li);
      var box = boxOf(li);
      if (!id || !box || li.closest(".cl-sheet")) continue;
      var item = { id: id, li: li, box: box, recorded: box.checked };
      this.items.push(item);
      if (item.recorded) {
        li.classList.add("cl-recorded");
        box.title = "Recorded in the status file";
        continue;
      }
      box.disabled = false;
      box.checked = Object.prototype.hasOwnProperty.call(ticks, id);
      box.addEventListener("change", this.toggle.bind(this, item));
    }
    window.addEventListener("storage", function (event) {
      if (event.key === self.key) self.refresh();
    });
    this.refresh();
  };

  Ticker.prototype.toggle = function (item) {
    var ticks = this.ticks();
    if (item.box.checked) ticks[item.id] = today();
    else delete ticks[item.id];
    save(this.key, ticks);
    this.undo = null;
    this.refresh();
  };

  Ticker.prototype.refresh = function () {
    var ticks = this.ticks();
    this.items.forEach(function (item) {
      if (item.recorded) return;
      var local = Object.prototype.hasOwnProperty.call(ticks, item.id);
      item.box.checked = local;
      item.li.classList.toggle("cl-ticked", local);
      var tag = item.li.querySelector(":scope > .cl-local-tag, :scope > p > .cl-local-tag");
      if (local && !tag) {
        tag = el("span", { "class": "cl-local-tag", text: "ticked here, not recorded" });
        var host = item.li.querySelector(":scope > p") || item.li;
        host.insertBefore(tag, host.querySelector(":scope > ul, :scope > ol"));
      } else if (!local && tag) {
        tag.remove();
      }
    });
    this.progress();
    if (this.panel) this.panel.update();
  };

  function counts(items, ticks) {
    var c = { total: items.length, recorded: 0, local: 0 };
    items.forEach(function (item) {
      if (item.recorded) c.recorded++;
      else if (Object.prototype.hasOwnProperty.call(ticks, item.id)) c.local++;
    });
    return c;
  }

  function progressLine(c, what) {
    var done = c.recorded + c.local;
    var bar = el("span", { "class": "cl-bar", "aria-hidden": "true" }, [
      el("span", { "class": "cl-bar__recorded", style: "width:" + (c.total ? (100 * c.recorded) / c.total : 0) + "%" }),
      el("span", { "class": "cl-bar__local", style: "width:" + (c.total ? (100 * c.local) / c.total : 0) + "%" }),
    ]);
    return [bar, el("span", { "class": "cl-progress-text", text: what + done + " of " + c.total + " done (" + c.recorded + " recorded, " + c.local + " ticked here)" })];
  }

  function fill(node, children) {
    while (node.firstChild) node.removeChild(node.firstChild);
    children.forEach(function (child) { node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); });
  }

  /* Progress under every group heading (h2) and at the top of the page. */
  Ticker.prototype.progress = function () {
    var ticks = this.ticks();
    var self = this;
    if (!this.groups) {
      this.groups = [];
      var headings = this.article.querySelectorAll("article h2[id]");
      for (var i = 0; i < headings.length; i++) {
        var h2 = headings[i];
        var members = [];
        for (var node = h2.nextElementSibling; node && node.tagName !== "H2" && node.tagName !== "H1"; node = node.nextElementSibling) {
          self.items.forEach(function (item) { if (node.contains(item.li)) members.push(item); });
        }
        if (!members.length) continue;
        var line = el("p", { "class": "cl-group-progress" });
        h2.parentNode.insertBefore(line, h2.nextSibling);
        this.groups.push({ line: line, items: members });
      }
    }
    this.groups.forEach(function (group) { fill(group.line, progressLine(counts(group.items, ticks), "")); });
    if (this.summary) fill(this.summary, progressLine(counts(this.items, ticks), "This page: "));
  };

  /* ---- the Record panel ---- */

  function shellQuote(text) { return "'" + text.replace(/'/g, "'\\''") + "'"; }

  function Panel(host, checklist, statusFile, ticksOf) {
    this.checklist = checklist;
    this.statusFile = statusFile;
    this.ticksOf = ticksOf;
    var self = this;
    this.count = el("span", { "class": "cl-record-count" });
    this.name = el("input", { type: "text", autocomplete: "name", "class": "cl-record-name", placeholder: "e.g. Priya" });
    this.name.value = loadName();
    this.name.addEventListener("input", function () { saveName(self.name.value.trim()); self.update(); });
    this.yaml = el("code");
    this.sh = el("code");
    this.yamlLink = el("a", { "class": "md-button cl-download", download: checklist + ".status.yaml", text: "Download entries" });
    this.shLink = el("a", { "class": "md-button cl-download", download: "record-" + checklist + ".sh", text: "Download commands" });
    this.clear = el("button", { type: "button", "class": "md-button cl-start-over", text: "Start over" });
    this.note = el("span", { "class": "cl-start-over-note", role: "status" });
    var label = el("label", { "class": "cl-record-label" }, ["Your name (for ", el("code", { text: "by" }), ") ", this.name]);
    this.details = el("details", { "class": "cl-record" }, [
      el("summary", {}, ["Record the ticks made here (", this.count, ")"]),
      el("p", {}, [
        "Ticks made on screen are kept in this browser only. To record them for everyone, add the entries below under ",
        el("code", { text: "items:" }), " in ", el("code", { text: statusFile }), " and commit, or run the commands in the project folder.",
      ]),
      label,
      el("p", { "class": "cl-record-title" }, [el("strong", { text: "Status-file entries" })]),
      el("pre", { "class": "cl-record-yaml" }, [this.yaml]),
      el("p", {}, [this.copyButton(this.yaml, "Copy entries"), " ", this.yamlLink]),
      el("p", { "class": "cl-record-title" }, [el("strong", { text: "Commands" })]),
      el("pre", { "class": "cl-record-sh" }, [this.sh]),
      el("p", {}, [this.copyButton(this.sh, "Copy commands"), " ", this.shLink]),
    ]);
    this.root = el("div", { "class": "cl-toolbar" }, [this.details, el("p", { "class": "cl-start-over-row" }, [this.clear, " ", this.note])]);
    host.appendChild(this.root);
  }

  Panel.prototype.copyButton = function (code, text) {
    var button = el("button", { type: "button", "class": "md-button cl-copy", text: text });
    button.addEventListener("click", function () {
      var done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = text; }, 1500); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(code.textContent).then(done, function () {});
      } else {
        var range = document.createRange();
        range.selectNodeContents(code);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        try { if (document.execCommand("copy")) done(); } catch (e) { /* selected for the user to copy */ }
      }
    });
    return button;
  };

  Panel.prototype.update = function () {
    var ticks = this.ticksOf();
    var ids = Object.keys(ticks).sort();
    var name = this.name.value.trim();
    this.count.textContent = ids.length;
    this.clear.disabled = !ids.length;
    var yaml, sh;
    if (!ids.length) {
      yaml = sh = "# Nothing ticked here yet.";
    } else if (!name) {
      yaml = sh = "# Fill in your name above: the entries and commands say who did it.";
    } else {
      var by = JSON.stringify(name); // a JSON string is a YAML double-quoted string
      var checklist = this.checklist;
      yaml = "checklist: " + checklist + "\nitems:\n" + ids.map(function (id) {
        return "  " + id + ": {state: done, by: " + by + ", date: " + ticks[id] + "}";
      }).join("\n") + "\n";
      sh = ids.map(function (id) {
        return "checklist-site mark " + id + " --done --by " + shellQuote(name) + " --date " + ticks[id] + " --checklist " + checklist;
      }).join("\n") + "\n";
    }
    this.yaml.textContent = yaml;
    this.sh.textContent = sh;
    var ready = ids.length && name;
    [[this.yamlLink, yaml], [this.shLink, sh]].forEach(function (pair) {
      if (ready) {
        pair[0].href = "data:text/plain;charset=utf-8," + encodeURIComponent(pair[1]);
        pair[0].removeAttribute("aria-disabled");
      } else {
        pair[0].removeAttribute("href");
        pair[0].setAttribute("aria-disabled", "true");
      }
    });
  };

  /* "Start over" clears this browser's ticks of the checklist, with an undo until the next tick. */
  function startOver(key, refresh, panel) {
    return function () {
      var ticks = load(key);
      var n = Object.keys(ticks).length;
      if (!n) return;
      save(key, {});
      refresh();
      var undo = el("button", { type: "button", "class": "md-button cl-undo", text: "Undo" });
      undo.addEventListener("click", function () {
        save(key, Object.assign(load(key), ticks));
        fill(panel.note, []);
        refresh();
      });
      fill(panel.note, ["Cleared " + n + " tick" + (n === 1 ? "" : "s") + " made here. ", undo]);
    };
  }

  function toolbarHost(article) {
    var host = el("div", { "class": "cl-tick-bar" });
    var h1 = article.querySelector("h1");
    var after = h1;
    while (after && after.nextElementSibling && /cl-meta|cl-print-link/.test(after.nextElementSibling.className + " " + (after.nextElementSibling.firstElementChild || {}).className)) {
      after = after.nextElementSibling;
    }
    if (after) after.parentNode.insertBefore(host, after.nextSibling);
    else article.insertBefore(host, article.firstChild);
    return host;
  }

  function setupTicking() {
    var marker = document.querySelector(".md-content .cl-tick[data-checklist]");
    if (!marker) return;
    var ticker = new Ticker(marker);
    var article = marker.closest("article") || ticker.article;
    var host = toolbarHost(article);
    ticker.summary = el("p", { "class": "cl-page-progress" });
    host.appendChild(ticker.summary);
    ticker.setup();
    ticker.panel = new Panel(host, ticker.checklist, ticker.statusFile, ticker.ticks.bind(ticker));
    ticker.panel.clear.addEventListener("click", startOver(ticker.key, ticker.refresh.bind(ticker), ticker.panel));
    ticker.panel.update();
  }

  /* The overview: progress per section (recorded and ticked here) in the sections table, and the panel. */
  function setupOverview() {
    var source = document.getElementById("cl-sections");
    var marker = document.querySelector(".md-content .cl-overview[data-checklist]");
    if (!source || !marker) return;
    var sections = JSON.parse(source.textContent);
    var checklist = marker.getAttribute("data-checklist");
    var key = STORE + checklist;
    var article = marker.closest("article") || document;
    var host = toolbarHost(article);
    var summary = el("p", { "class": "cl-page-progress" });
    host.appendChild(summary);
    var panel;
    function refresh() {
      var ticks = load(key);
      var all = [];
      Object.keys(sections).forEach(function (id) {
        var recorded = {};
        sections[id].recorded.forEach(function (r) { recorded[r] = true; });
        var items = sections[id].items.map(function (i) { return { id: i, recorded: !!recorded[i] }; });
        all = all.concat(items);
        var cell = article.querySelector('.cl-count[data-section="' + id + '"]');
        if (cell) fill(cell, progressLine(counts(items, ticks), ""));
      });
      fill(summary, progressLine(counts(all, ticks), "All sections: "));
      if (panel) panel.update();
    }
    panel = new Panel(host, checklist, marker.getAttribute("data-status-file"), function () { return load(key); });
    panel.clear.addEventListener("click", startOver(key, refresh, panel));
    window.addEventListener("storage", function (event) { if (event.key === key) refresh(); });
    refresh();
  }

  /* ---- landing on an item: its group heading (and parent item) in view ----
     The target's scroll-margin is set to the room its heading and parent item need, so the
     browser's own scroll to the #fragment (and any later one) shows them; no scrolling back. */

  function headerHeight() {
    var header = document.querySelector(".md-header");
    return header ? header.getBoundingClientRect().height : 0;
  }

  function prepareLanding(scroll) {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var target = id && document.getElementById(id);
    if (!target) return;
    var li = target.tagName === "LI" ? target : target.closest("li");
    var previous = document.querySelectorAll(".cl-landed");
    for (var i = 0; i < previous.length; i++) previous[i].classList.remove("cl-landed");
    if (!li || !li.closest(".md-content")) return;
    li.classList.add("cl-landed");
    var at = target.getBoundingClientRect().top;
    var top = li.getBoundingClientRect().top;
    var parent = li.parentElement && li.parentElement.closest("li");
    if (parent) top = Math.min(top, parent.getBoundingClientRect().top);
    var headings = document.querySelectorAll("article h2[id]");
    var heading = null;
    for (var j = 0; j < headings.length; j++) {
      if (headings[j].compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING) heading = headings[j];
    }
    if (heading) top = Math.min(top, heading.getBoundingClientRect().top);
    var room = window.innerHeight - headerHeight() - 24;
    var above = Math.min(at - top, room / 2); // a long group: the item stays in the upper half
    target.style.scrollMarginTop = Math.round(above + headerHeight() + 12) + "px";
    if (scroll) target.scrollIntoView({ block: "start" });
  }

  /* ---- tables on phones: each cell carries its column's heading, shown when rows stack ---- */

  function labelCells() {
    var tables = document.querySelectorAll(".md-typeset table:not([class])");
    for (var i = 0; i < tables.length; i++) {
      var heads = tables[i].querySelectorAll("thead th");
      var rows = tables[i].querySelectorAll("tbody tr");
      for (var r = 0; r < rows.length; r++) {
        var cells = rows[r].children;
        for (var c = 0; c < cells.length && c < heads.length; c++) {
          var label = heads[c].textContent.trim();
          if (label) cells[c].setAttribute("data-label", label);
        }
      }
    }
  }

  /* Tables wider than the column scroll (Material wraps them once the page is loaded): keyboard users reach them too. */
  function focusableScrollers() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < wraps.length; i++) {
      if (wraps[i].hasAttribute("tabindex")) continue;
      wraps[i].setAttribute("tabindex", "0");
      wraps[i].setAttribute("role", "region");
      wraps[i].setAttribute("aria-label", "Table (scrolls sideways)");
    }
  }

  function start() {
    nameBoxes();
    setupTicking();
    setupOverview();
    labelCells();
    prepareLanding(false); // before the browser scrolls to the #fragment: the script runs as the page ends
    window.addEventListener("load", function () { prepareLanding(false); focusableScrollers(); });
    document.addEventListener("DOMContentLoaded", function () { setTimeout(focusableScrollers, 0); });
    window.addEventListener("hashchange", function () { prepareLanding(true); });
  }

  /* The script sits at the end of <body>: the content is there, the browser has not yet scrolled. */
  if (document.querySelector(".md-content")) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
