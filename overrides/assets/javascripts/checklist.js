/* checklist-site in the browser: boxes ticked on screen (kept in this browser), live progress, the
   Record panel that turns what was recorded here (done, n/a, waived, reopen, notes, sign-offs,
   approvals, the Go/No-Go) into one record entry file and `checklist-site` commands, the live
   meeting (`checklist-site meeting`: every change recorded at once, everybody's shown within
   seconds), item names for screen readers, landing on an item with its group heading in view,
   stacked tables on phones. Plain DOM; without a meeting it needs no network and sends nothing. */
(function () {
  "use strict";

  var TICKS = "checklist-site:ticks:"; // + checklist id -> {item id: "YYYY-MM-DD"} (ticks of earlier versions, read once)
  var STORE = "checklist-site:record:"; // + checklist id -> the changes made here, not recorded yet
  var NAME = "checklist-site:name";
  var COMMAND = "checklist-site"; // as the commands are printed; after the quick start: `. .venv/bin/activate` first
  var STATES = { done: "done", "n/a": "n/a", waived: "waived", open: "open" };
  var LABEL = { done: "done", "n/a": "n/a", waived: "waived", open: "reopened", note: "note" };
  var FLAG = { done: "--done", "n/a": "--na", waived: "--waived", open: "--open" };
  var VOTES = { go: "go", "no-go": "no-go", pending: "pending" };
  // The site's root, where this script sits two folders down (assets/javascripts/): the pages-read worker's place.
  var SITE_ROOT = document.currentScript && /^(.*\/)assets\/javascripts\/checklist\.js(\?.*)?$/.exec(document.currentScript.src);
  SITE_ROOT = SITE_ROOT && SITE_ROOT[1];

  function has(object, key) { return object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key); }
  /* A text typed or read from the data, among our words: isolated (FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE) when it
     holds a right-to-left letter, as generator/format/bidi.py's embedded() does (the same blocks): a Hebrew reason ending
     in '.', a name ending in a number, keeps its order and ours. */
  var RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
  function embedded(text) { text = String(text); return text.indexOf("\u2068") < 0 && RIGHT_TO_LEFT.test(text) ? "\u2068" + text + "\u2069" : text; }
  function dict() { return Object.create(null); }

  /* ---- storage: localStorage may be missing or refuse writes (then changes last until reload);
     whatever it holds is untrusted: another page of the same origin may have written it ---- */
  var memory = dict();
  function readStored(key) {
    try {
      var text = window.localStorage.getItem(key);
      return text === null ? null : JSON.parse(text);
    } catch (e) {
      return has(memory, key) ? memory[key] : null;
    }
  }
  function writeStored(key, value) {
    memory[key] = value;
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* kept in memory */ }
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }
  /* Now as the record writes it: local date and time with its zone (2026-01-10T14:03:22+01:00). */
  function nowWithZone(d) {
    var off = -d.getTimezoneOffset();
    var zone = (off >= 0 ? "+" : "-") + two(Math.floor(Math.abs(off) / 60)) + ":" + two(Math.abs(off) % 60);
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + "T" + two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds()) + zone;
  }
  function utcStamp(d) {
    return d.getUTCFullYear() + two(d.getUTCMonth() + 1) + two(d.getUTCDate()) + "T" + two(d.getUTCHours()) + two(d.getUTCMinutes()) + two(d.getUTCSeconds()) + "Z";
  }
  function randomHex() {
    var bytes = new Uint8Array(4);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
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
  /* Enter or Space on an element that acts as a button (role="button"), as on a <button>. */
  function pressed(event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    event.currentTarget.click();
  }
  function fill(node, children) {
    while (node.firstChild) node.removeChild(node.firstChild);
    children.forEach(function (child) { node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); });
  }

  /* ---- checking what storage holds against the checklist the page was built for ---- */

  var CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u17b4\u17b5\u180e\u200b\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\ud800-\udfff]/u; // what one line of text refuses (generator/format/types.py: _CONTROL_LINE; with the u flag, a lone surrogate, not half of an emoji)
  function wellFormed(text) {
    try { encodeURIComponent(text); return true; } catch (e) { return false; } // a lone surrogate
  }
  /* One line of plain text within the limit, or why not. */
  function textProblem(value, max) {
    if (typeof value !== "string") return "not a text";
    if (!value.trim()) return "empty";
    if (value.length > max) return "longer than " + max + " characters";
    if (CONTROL.test(value)) return "holds a line break or control character";
    if (!wellFormed(value)) return "holds a broken character";
    return "";
  }
  /* The code rule (types.hidden_in_code): code holds only what the page shows, no character that shows as nothing (a
     soft hyphen, a direction mark, a tag) nor a blank that is no space, which a copy of it holds. The build sends its
     definitions (types.code_rule: the characters, and how markdown-it reads a '<'); this applies them as types.shown
     and markup.code_in do, to the code spans of one line of Markdown (a note, a reason, a blocker). */
  function CodeRule(rule) {
    rule = rule && typeof rule === "object" ? rule : {};
    function re(pattern, flags) {
      try { return typeof pattern === "string" && pattern ? new RegExp(pattern, flags) : null; } catch (e) { return null; }
    }
    this.ignorable = re(rule.ignorable, "u");
    this.contextual = re(rule.contextual, "u");
    this.flag = re(rule.flag, "gu");
    this.joining = re(rule.joining, "u");
    this.notASpace = re(rule.not_a_space, "u");
    this.viramas = new Set(Array.from(typeof rule.virama === "string" ? rule.virama : ""));
    this.html = re(rule.html ? "^" + rule.html : "", "");
    this.autolink = re(rule.autolink, "");
    this.email = re(rule.email, "");
  }
  /* Whether the ignorable character chars[i] changes how its neighbours look (types._does_something). */
  CodeRule.prototype.doesSomething = function (chars, i) {
    var ch = chars[i], before = i ? chars[i - 1] : " ", after = i + 1 < chars.length ? chars[i + 1] : " ";
    function is(category, c) { return new RegExp("^\\p{" + category + "}$", "u").test(c); }
    if (ch === "\u200c" || ch === "\u200d") {
      if (this.viramas.has(before)) return true;
      if (ch === "\u200c") return !!(this.joining && this.joining.test(before) && this.joining.test(after));
      return (is("So", before) || is("Sk", before) || before === "\ufe0f") && is("So", after);
    }
    var code = ch.codePointAt(0);
    if ((code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xe0100 && code <= 0xe01ef))
      return is("So", before) || is("Sk", before) || is("Sm", before) || is("Lo", before) || after === "\u20e3";
    return false;
  };
  /* ``text`` without the characters that show as nothing in it (types.shown), as an array of characters. */
  CodeRule.prototype.shown = function (text) {
    var self = this, chars = Array.from(text).filter(function (ch) { return !self.ignorable.test(ch) || self.contextual.test(ch); });
    for (;;) {
      var joined = chars.join(""), flags = new Set(), found;
      this.flag.lastIndex = 0;
      while ((found = this.flag.exec(joined))) {
        var first = Array.from(joined.slice(0, found.index)).length, n = Array.from(found[0]).length;
        for (var k = first; k < first + n; k++) flags.add(k);
      }
      var kept = chars.filter(function (ch, i) { return !self.ignorable.test(ch) || flags.has(i) || self.doesSomething(chars, i); });
      if (kept.length === chars.length) return kept;
      chars = kept;
    }
  };
  /* The first character of ``code`` the page does not show as what it is (types.hidden_in_code), as U+XXXX, or "". */
  CodeRule.prototype.hidden = function (code) {
    if (!this.ignorable || !this.notASpace || !this.contextual || !this.flag) return "";
    if (!this.ignorable.test(code) && !this.notASpace.test(code)) return "";
    var seen = this.shown(code), chars = Array.from(code), at = 0;
    for (var i = 0; i < chars.length; i++) {
      if (at < seen.length && seen[at] === chars[i] && !this.notASpace.test(chars[i])) at++;
      else {
        var hex = chars[i].codePointAt(0).toString(16).toUpperCase();
        return "U+" + "0000".slice(hex.length) + hex;
      }
    }
    return "";
  };
  /* The code spans of one line of Markdown, as markdown-it reads them (markup.code_in): a backslash escapes the next
     character, a '<' opening an autolink or raw HTML takes it whole, a run of backticks is closed by the next run as
     long. A link's destination and title are read as text (where they hold a backtick, this finds more code than
     markdown-it: the panel then refuses what the record might take). */
  CodeRule.prototype.codeSpans = function (text) {
    var spans = [], pos = 0, n = text.length;
    while (pos < n) {
      var ch = text[pos];
      if (ch === "\\" && pos + 1 < n) { pos += 2; continue; }
      if (ch === "<") {
        var end = text.indexOf(">", pos + 1), inner = end < 0 ? "" : text.slice(pos + 1, end);
        if (end > 0 && inner.indexOf("<") < 0 && ((this.autolink && this.autolink.test(inner)) || (this.email && this.email.test(inner)))) { pos = end + 1; continue; }
        var tag = this.html && /^<[!?\/A-Za-z]/.test(text.slice(pos, pos + 2)) && pos + 2 < n ? this.html.exec(text.slice(pos)) : null;
        if (tag) { pos += tag[0].length; continue; }
        pos++;
        continue;
      }
      if (ch === "`") {
        var start = pos;
        while (pos < n && text[pos] === "`") pos++;
        var length = pos - start, from = pos, closed = -1;
        while ((closed = text.indexOf("`", from)) >= 0) {
          var after = closed;
          while (after < n && text[after] === "`") after++;
          if (after - closed === length) break;
          from = after;
          closed = -1;
        }
        if (closed >= 0) { spans.push(text.slice(pos, closed)); pos = closed + length; }
        continue;
      }
      pos++;
    }
    return spans;
  };
  /* Why one line of Markdown typed here breaks the code rule, or "". */
  CodeRule.prototype.problem = function (text) {
    if (typeof text !== "string" || !this.ignorable || !this.notASpace || (!this.ignorable.test(text) && !this.notASpace.test(text))) return "";
    var spans = this.codeSpans(text);
    for (var i = 0; i < spans.length; i++) {
      var hidden = this.hidden(spans[i]);
      if (hidden) return "code holding the character " + hidden + ", which the page does not show but a copy of it holds (remove it, or write a plain space)";
    }
    return "";
  };
  function isDate(value) {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    var d = new Date(value + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  }
  /* A value as the note shows it: quoted, control characters visible, shortened. */
  function shown(value) {
    var text;
    try { text = JSON.stringify(value); } catch (e) { text = "?"; }
    text = String(text === undefined ? value : text);
    return text.length > 60 ? text.slice(0, 57) + "…" : text;
  }

  function Checklist(data) {
    this.id = data.checklist;
    this.max = data.max_text || 500;
    this.items = data.items || {};
    this.groups = data.groups || {};
    this.roles = data.roles || {};
    this.former = data.former || {}; // {items|groups|roles: {former id: id now}} (former_ids)
    this.decision = !!data.decision;
    /* what the record held as the page was built: an entry made here names it, as `mark` names what it had (after:,
       also_after:), so one made from a page built before someone else recorded the same item is told apart */
    this.after = typeof data.after === "string" ? data.after : "";
    this.alsoAfter = Array.isArray(data.also_after) ? data.also_after.filter(function (n) { return typeof n === "string"; }) : [];
    /* each character a name can hold that the record reads as a Latin letter or digit (types.read_alike) */
    this.alike = dict();
    var alike = data.alike && typeof data.alike === "object" ? data.alike : {};
    Object.keys(alike).forEach(function (latin) {
      if (typeof alike[latin] === "string") Array.from(alike[latin]).forEach(function (ch) { this.alike[ch] = latin; }, this);
    }, this);
    this.code = new CodeRule(data.code); // what code in a note may not hold (types.code_rule)
    this.setRecorded(data.recorded);
  }
  /* The id now of what ``id`` named (an item, a group or a role renamed since it was stored), else ``id``. */
  Checklist.prototype.now = function (kind, id) {
    var found = has(this.former, kind) ? this.former[kind] : null;
    return typeof id === "string" && found && has(found, id) && typeof found[id] === "string" ? found[id] : id;
  };
  Checklist.prototype.setRecorded = function (recorded) {
    recorded = recorded || {};
    this.recorded = { items: recorded.items || {}, signoffs: recorded.signoffs || {}, approvals: recorded.approvals || {}, decision: recorded.decision || null };
    this.people = recorded.people && typeof recorded.people === "object" ? recorded.people : {};
  };
  /* Who ``name`` is, as the record tells people apart: by the project's .mailmap (the build's ``people``: each name the
     record holds, and each the map gives one of them typed alone, read as typed()), else the name, letter case aside
     (a 'Name <email>' the record does not hold is the record's to compare: the site publishes no address it has not). */
  Checklist.prototype.who = function (name) {
    var people = this.people;
    function found(key) { return key && has(people, key) && typeof people[key] === "string" ? people[key] : ""; }
    var key = typed(name), latin = this.latin(name); // a Cyrillic 'Р' typed for a Latin 'P': the record reads it as the Latin one
    return found(key) || found(addressKey(key)) || found(latin) || found(addressKey(latin)) || latin;
  };
  /* ``name`` as the record compares it (types.identity, the .mailmap aside): its letters of another script that look
     like a Latin letter or digit read as that one, the others case-folded. */
  Checklist.prototype.latin = function (name) {
    var alike = this.alike;
    var text = String(name).normalize("NFKC").replace(/\s+/g, " ").trim();
    if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
    return Array.from(text).map(function (ch) { return has(alike, ch) ? alike[ch] : ch.toUpperCase().toLowerCase(); }).join("");
  };
  /* Whether two names are one person to the record (types.same_person). */
  Checklist.prototype.same = function (one, other) {
    return this.who(one) === this.who(other);
  };
  Checklist.prototype.isItem = function (id) { return typeof id === "string" && has(this.items, id); };
  Checklist.prototype.critical = function (id) { return this.isItem(id) && this.items[id][1] === 1; };
  Checklist.prototype.isGroup = function (id) { return typeof id === "string" && has(this.groups, id); };
  Checklist.prototype.isRole = function (id) { return typeof id === "string" && has(this.roles, id); };
  /* {state, by, date, note} of an item as recorded, or null (open, nothing recorded). */
  Checklist.prototype.entry = function (id) {
    var e = has(this.recorded.items, id) ? this.recorded.items[id] : null;
    return e ? { state: e[0], by: e[1], date: e[2], note: e[3], reason: e[4] || "", approver: e[5] || "" } : null;
  };
  Checklist.prototype.openItems = function (group) {
    var self = this;
    return this.groups[group][1].filter(function (id) {
      var e = self.entry(id);
      return !e || e.state === "open";
    });
  };

  /* Stored changes by id, those stored under a former id (the item, group or role was renamed since: the site was built
     again) under the id now, as the record's entries follow a rename; one the id now has a change of its own is dropped. */
  function renamed(c, kind, stored, what, drop) {
    var out = dict();
    if (stored === null || typeof stored !== "object") return out;
    Object.keys(stored).forEach(function (id) { if (c.now(kind, id) === id) out[id] = stored[id]; });
    Object.keys(stored).forEach(function (id) {
      var now = c.now(kind, id);
      if (now === id) return;
      if (has(out, now)) drop(what + " " + shown(id), "renamed " + shown(now) + ", which has a change made here already");
      else out[now] = stored[id];
    });
    return out;
  }

  /* The stored changes that fit this checklist; the others are listed in ``dropped`` with why. */
  function checkStored(c, raw, legacy) {
    var out = { items: dict(), signoffs: dict(), approvals: dict(), decision: null };
    var dropped = [];
    function drop(what, why) { dropped.push(what + ": " + why); }
    function textOk(where, value, optional, markdown) {
      if (optional && (value === undefined || value === null || value === "")) return true;
      var why = textProblem(value, c.max) || (markdown ? c.code.problem(value) : "");
      if (why) drop(where, shown(value) + " " + why);
      return !why;
    }
    function dateOk(where, value) {
      if (isDate(value)) return true;
      drop(where, "date " + shown(value) + " is not YYYY-MM-DD");
      return false;
    }
    if (legacy !== null && typeof legacy === "object" && !Array.isArray(legacy)) {
      Object.keys(legacy).forEach(function (id) {
        if (!c.isItem(id)) return drop("tick " + shown(id), "no such item in " + c.id);
        if (dateOk("tick " + id, legacy[id])) out.items[id] = { state: "done", date: legacy[id] };
      });
    }
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      if (raw !== null) drop("stored changes", "not a set of changes");
      return { changes: out, dropped: dropped };
    }
    var items = renamed(c, "items", raw.items, "item", drop);
    Object.keys(items).forEach(function (id) {
      var ch = items[id];
      var where = "item " + shown(id);
      if (!c.isItem(id)) return drop(where, "no such item in " + c.id);
      if (ch === null || typeof ch !== "object") return drop(where, "not a change");
      if (ch.state !== undefined && !has(STATES, ch.state)) return drop(where, "state " + shown(ch.state) + " is not done, n/a, waived or open");
      if (ch.state === undefined && !ch.note) return drop(where, "neither a state nor a note");
      if (!dateOk(where, ch.date) || !textOk(where + " note", ch.note, true, true)) return;
      if (!textOk(where + " reason", ch.reason, ch.state !== "waived", true) || !textOk(where + " approver", ch.approver, !(ch.state === "waived" && c.critical(id)))) return;
      var clean = { date: ch.date };
      ["state", "note", "reason", "approver"].forEach(function (k) { if (ch[k]) clean[k] = ch[k]; });
      if (ch.state !== "waived") { delete clean.reason; delete clean.approver; }
      if (ch.confirm === true) clean.confirm = true;
      out.items[id] = clean;
    });
    var signoffs = renamed(c, "groups", raw.signoffs, "sign-off", drop);
    Object.keys(signoffs).forEach(function (id) {
      var ch = signoffs[id] || {};
      var where = "sign-off " + shown(id);
      if (!c.isGroup(id)) return drop(where, "no such group in " + c.id);
      if (!dateOk(where, ch.date) || !textOk(where + " note", ch.note, true, true)) return;
      out.signoffs[id] = { date: ch.date, note: ch.note || "", with_open: ch.with_open === true && ch.withdrawn !== true, confirm: ch.confirm === true,
                           withdrawn: ch.withdrawn === true };
    });
    var approvals = renamed(c, "roles", raw.approvals, "approval", drop);
    Object.keys(approvals).forEach(function (id) {
      var ch = approvals[id] || {};
      var where = "approval " + shown(id);
      if (!c.isRole(id)) return drop(where, "no such approver role in " + c.id);
      if (!has(VOTES, ch.decision)) return drop(where, "decision " + shown(ch.decision) + " is not go, no-go or pending");
      if (dateOk(where, ch.date)) out.approvals[id] = { decision: ch.decision, date: ch.date };
    });
    var d = raw.decision;
    if (d !== undefined && d !== null) {
      if (!c.decision) drop("Go/No-Go", c.id + " has no Go/No-Go decision");
      else if (typeof d !== "object" || !has(VOTES, d.decision)) drop("Go/No-Go", "decision " + shown(d && d.decision) + " is not go, no-go or pending");
      else if (!Array.isArray(d.blockers || [])) drop("Go/No-Go", "blockers are not a list");
      else if (dateOk("Go/No-Go", d.date) && (d.blockers || []).every(function (b, i) { return textOk("Go/No-Go blocker " + (i + 1), b, false, true); })) {
        out.decision = { decision: d.decision, blockers: (d.blockers || []).slice(), date: d.date };
      }
    }
    return { changes: out, dropped: dropped };
  }

  /* Changes the record now holds the same way are done with; a change of someone else's entry waits for a yes. */
  function settle(c, changes, me) {
    Object.keys(changes.items).forEach(function (id) {
      var ch = changes.items[id];
      var e = c.entry(id);
      var state = e ? e.state : "open";
      var sameState = !ch.state || ch.state === state;
      var sameNote = !ch.note || (e && e.note === ch.note);
      if (sameState && sameNote && (ch.state || ch.note)) delete changes.items[id];
    });
    Object.keys(changes.signoffs).forEach(function (id) {
      var s = has(c.recorded.signoffs, id) ? c.recorded.signoffs[id] : null;
      if (changes.signoffs[id].withdrawn ? !s : s && c.same(s[0], me)) delete changes.signoffs[id]; // a withdrawal: once no sign-off is recorded
    });
    Object.keys(changes.approvals).forEach(function (id) {
      var a = has(c.recorded.approvals, id) ? c.recorded.approvals[id] : null;
      if (a && c.same(a[0], me) && a[1] === changes.approvals[id].decision) delete changes.approvals[id];
    });
    var d = c.recorded.decision;
    if (changes.decision && d && d[0] === changes.decision.decision && c.same(d[1], me)) changes.decision = null;
  }

  /* SHA-256 of a text's UTF-8 bytes, in hex: an e-mail typed in the panel is looked up by its digest (types.address_key),
     so the site publishes no address. Synchronous, as who() is (crypto.subtle answers later, and is missing from a page
     that is no secure context: the meeting on the room's network is plain http). */
  var SHA256_K = [0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2];
  function sha256(text) {
    var bytes = new TextEncoder().encode(text), n = bytes.length;
    var words = new Array((((n + 8) >> 6) + 1) << 4).fill(0);
    for (var i = 0; i < n; i++) words[i >> 2] |= bytes[i] << (24 - (i & 3) * 8);
    words[n >> 2] |= 0x80 << (24 - (n & 3) * 8);
    words[words.length - 1] = (n * 8) | 0;
    words[words.length - 2] = Math.floor(n / 0x20000000);
    function ror(x, r) { return (x >>> r) | (x << (32 - r)); }
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19], w = new Array(64);
    for (var j = 0; j < words.length; j += 16) {
      for (var t = 0; t < 64; t++) {
        if (t < 16) { w[t] = words[j + t] | 0; continue; }
        var x = w[t - 15], y = w[t - 2];
        w[t] = (w[t - 16] + (ror(x, 7) ^ ror(x, 18) ^ (x >>> 3)) + w[t - 7] + (ror(y, 17) ^ ror(y, 19) ^ (y >>> 10))) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var t1 = (k + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[t] + w[t]) | 0;
        var t2 = ((ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h = [h[0] + a, h[1] + b, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + k].map(function (v) { return v | 0; });
    }
    return h.map(function (v) { return ("0000000" + (v >>> 0).toString(16)).slice(-8); }).join("");
  }
  /* An e-mail address typed alone, as the site's people hold it (types.address_key); '' for a name that is none. */
  function addressKey(key) {
    return /^[^\s@<>]+@[^\s@<>]+$/.test(key) ? "#" + sha256(key).slice(0, 16) : "";
  }
  /* A name as the record's people are looked up by it (types._typed): NFKC, its spaces one, lower case. */
  function typed(name) {
    return String(name).normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();
  }

  /* Whose recorded entry a change would change ('' when none or one's own). */
  function othersItem(c, id, state, me) {
    var e = c.entry(id);
    if (!e || !e.by || c.same(e.by, me) || e.state === "open") return "";
    return state && state !== e.state ? e.by + "'s " + e.state : "";
  }
  function othersSignoff(c, id, me) {
    var s = has(c.recorded.signoffs, id) ? c.recorded.signoffs[id] : null;
    return s && !c.same(s[0], me) ? s[0] + "'s sign-off" : "";
  }

  /* ---- writing: YAML for the record entry, shell words for the commands ---- */

  var YAML_WORDS = /^(y|yes|n|no|true|false|on|off|null)$/i; // what YAML 1.1 reads as true, false or null
  /* A YAML scalar that reads back as exactly ``text`` (a string): plain only for an id-like word, else double-quoted. */
  function yamlScalar(text) {
    text = String(text);
    if (/^[A-Za-z][A-Za-z0-9-]*$/.test(text) && !YAML_WORDS.test(text)) return text;
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (ch) {
      return "\\u" + ("000" + ch.charCodeAt(0).toString(16)).slice(-4);
    }); // a JSON string is a YAML double-quoted scalar; what YAML reads as a line break or refuses is escaped too
  }
  /* One shell word that the shell reads back as exactly ``text`` (as Python's shlex.quote). */
  function shellWord(text) {
    text = String(text);
    if (text === "") return "''";
    if (/^[A-Za-z0-9_@%+=:,.\/-]+$/.test(text)) return text;
    return "'" + text.replace(/'/g, "'\"'\"'") + "'";
  }

  function slug(name) {
    return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 32).replace(/-+$/, "") || "someone";
  }

  function itemChange(id, ch) {
    var e = { item: id };
    ["state", "note", "reason", "approver"].forEach(function (k) { if (ch[k]) e[k] = ch[k]; });
    return e;
  }
  function decisionChange(ch) {
    var d = { decision: ch.decision };
    if (ch.blockers.length) d.blockers = ch.blockers.slice();
    return d;
  }

  /* The changes as the record's entries, in the order the panel lists them. */
  function changeList(changes) {
    var out = [];
    Object.keys(changes.items).sort().forEach(function (id) { out.push(itemChange(id, changes.items[id])); });
    Object.keys(changes.signoffs).sort().forEach(function (id) {
      var ch = changes.signoffs[id];
      var e = { signoff: id };
      if (ch.note) e.note = ch.note;
      if (ch.withdrawn) e.withdrawn = true;
      else if (ch.with_open) e.with_open = true;
      out.push(e);
    });
    Object.keys(changes.approvals).sort().forEach(function (id) { out.push({ approval: id, decision: changes.approvals[id].decision }); });
    if (changes.decision) out.push(decisionChange(changes.decision));
    return out;
  }

  function yamlValue(value) {
    if (value === true) return "true";
    if (Array.isArray(value)) return "[" + value.map(yamlScalar).join(", ") + "]";
    return yamlScalar(value);
  }

  /* One record entry file (see the README): YAML, every scalar quoted where YAML would read it otherwise. */
  function entryYaml(checklist, name, at, list, after, alsoAfter) {
    var lines = [
      "# checklist-site record entry: append-only; to change something, add a new entry",
      "checklist: " + yamlScalar(checklist),
      "by: " + yamlScalar(name),
      "at: " + at,
    ];
    if (after) lines.push("after: " + yamlScalar(after));
    if (after && alsoAfter && alsoAfter.length) lines.push("also_after: " + yamlValue(alsoAfter));
    lines.push("changes:");
    list.forEach(function (change) {
      lines.push("  - {" + Object.keys(change).map(function (k) { return k + ": " + yamlValue(change[k]); }).join(", ") + "}");
    });
    return lines.join("\n") + "\n";
  }

  /* The same changes as commands, every argument a shell word. */
  function commandLines(checklist, name, list, dates) {
    var tail = ["--by", name, "--checklist", checklist];
    return list.map(function (ch) {
      var argv;
      if (has(ch, "item") && !ch.state) {
        return "# " + ch.item + ": a note only; mark records a state with its note, so record this one with the entry file";
      }
      if (has(ch, "item")) {
        argv = ["mark", ch.item, FLAG[ch.state]];
        if (ch.note) argv.push("--note", ch.note);
        if (ch.reason) argv.push("--reason", ch.reason);
        if (ch.approver) argv.push("--approver", ch.approver);
        argv = argv.concat(["--date", dates.items[ch.item].date], dates.items[ch.item].confirm ? ["--replace"] : []);
      } else if (has(ch, "signoff")) {
        argv = ["signoff", ch.signoff].concat(ch.note ? ["--note", ch.note] : [], ch.with_open ? ["--with-open"] : [], ch.withdrawn ? ["--withdraw"] : [], ["--date", dates.signoffs[ch.signoff].date], dates.signoffs[ch.signoff].confirm ? ["--replace"] : []);
      } else if (has(ch, "approval")) {
        argv = ["approve", ch.approval, "--decision", ch.decision, "--date", dates.approvals[ch.approval].date];
      } else {
        argv = ["decide", ch.decision];
        (ch.blockers || []).forEach(function (b) { argv.push("--blocker", b); });
      }
      return [COMMAND].concat(argv, tail).map(shellWord).join(" ");
    }).join("\n") + "\n";
  }

  /* For tests and the curious: the writers, callable from the console. */
  /* Whether two names are one person to a record whose people are ``people`` (as the built site gives them). */
  function samePerson(people, one, other, alike) {
    return new Checklist({ recorded: { people: people }, alike: alike }).same(one, other);
  }
  function codeProblem(rule, text) {
    return new CodeRule(rule).problem(text);
  }
  window.checklistSite = Object.freeze({ codeProblem: codeProblem, yamlScalar: yamlScalar, shellWord: shellWord, entryYaml: entryYaml, commandLines: commandLines, embedded: embedded, samePerson: samePerson, sha256: sha256 });

  /* ---- items on the page ---- */

  /* The item's own words (its badge, text and state, not its sub-items or details). */
  function ownText(li) {
    var parts = [];
    function walk(node) {
      for (var child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) parts.push(child.nodeValue);
        else if (child.nodeType === 1) {
          var tag = child.tagName;
          if (tag === "UL" || tag === "OL" || tag === "PRE" || tag === "DIV" || tag === "TABLE" || tag === "FORM" || tag === "BUTTON") continue;
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

  var RESOLVED = { done: true, "n/a": true, waived: true };

  function counts(items, resolved, local) {
    var c = { total: items.length, recorded: 0, local: 0 };
    items.forEach(function (id) {
      if (resolved(id)) c.recorded++;
      else if (local(id)) c.local++;
    });
    return c;
  }

  function progressLine(c, what) {
    var done = c.recorded + c.local;
    var bar = el("span", { "class": "cl-bar", "aria-hidden": "true" }, [
      el("span", { "class": "cl-bar__recorded", style: "width:" + (c.total ? (100 * c.recorded) / c.total : 0) + "%" }),
      el("span", { "class": "cl-bar__local", style: "width:" + (c.total ? (100 * c.local) / c.total : 0) + "%" }),
    ]);
    return [bar, el("span", { "class": "cl-progress-text", text: what + done + " of " + c.total + " resolved (" + c.recorded + " recorded, " + c.local + " ticked here)" })];
  }

  /* The live meeting this page is served by (`checklist-site meeting` adds the meta element), or null. */
  function meetingInfo() {
    var meta = document.querySelector('meta[name="checklist-site-meeting"]');
    if (!meta) return null;
    return { token: meta.getAttribute("content") || "", api: meta.getAttribute("data-api") || "/_meeting/", project: meta.getAttribute("data-project") || "" };
  }

  function describe(c, change) {
    if (has(change, "item")) {
      var text = change.item + ": " + (change.state ? LABEL[change.state] : "note");
      if (change.reason) text += " (reason: " + embedded(change.reason) + (change.approver ? ", accepted by " + embedded(change.approver) : "") + ")";
      if (change.note) text += " — note: " + embedded(change.note);
      return text;
    }
    if (has(change, "signoff") && change.withdrawn) return "withdrawal of the sign-off of " + change.signoff + (change.note ? " — note: " + embedded(change.note) : "");
    if (has(change, "signoff")) return "sign-off of " + change.signoff + (change.with_open ? " (with items open)" : "") + (change.note ? " — note: " + embedded(change.note) : "");
    if (has(change, "approval")) return "approval " + embedded(c.roles[change.approval] || change.approval) + ": " + change.decision;
    return "Go/No-Go: " + change.decision + (change.blockers && change.blockers.length ? " (blockers: " + change.blockers.map(embedded).join("; ") + ")" : "");
  }

  /* ---- the recorder: what this page shows and records, in this browser or live ---- */

  function Recorder(marker, data) {
    this.c = new Checklist(data);
    this.key = STORE + this.c.id;
    this.folder = marker.getAttribute("data-record-folder");  // the record folder, as format/fold.py names it (templates/_tick.md.jinja)
    this.article = marker.closest("article") || marker.closest(".md-content") || document;
    this.live = meetingInfo();
    this.items = [];
    this.byId = dict();
    this.signoffLines = dict();
    this.dropped = [];
    this.readiness = null;
    this.suffix = randomHex();
    this.page = randomHex() + randomHex() + randomHex();  // this page, to the meeting: its recordings are numbered (meeting.Sent)
    this.sent = 0;
    this.unsent = []; // recordings that got no answer (the server stopped or restarted, the network dropped), sent again as they were
    this.held = dict(); // the page/number of each recording this page kept unsent (``keepUnsent``: its own in the browser's storage)
  }

  /* ---- recordings kept unsent, in the browser's storage: a reload, a laptop asleep or a tab the phone discarded kept
     nothing, and a tick made while the server was unreachable was lost. Each is kept with its page and number, under the
     checklist, until a meeting answers it (``resend``): the meeting answers one it recorded as the first time, from the
     record after a restart too, even a meeting started again with a new token (``meeting.Room.recall``), so each is
     recorded once, whichever page of this browser sends it (another tab that took it up sends the same page and number).
     Untrusted as all storage: only a recording of this checklist with a page and a number is taken up. Each names the
     run it was made for (the live line's, meeting.Room.shown): one kept through the end of that run's meeting is sent
     only to a meeting of that run, never into the next release's (the live line says so, and the meeting refuses one
     that names another run than the room's). ---- */
  var UNSENT = "checklist-site:unsent:";
  function unsentTag(body, checklist) {
    var sent;
    try { sent = JSON.parse(body); } catch (e) { return null; }
    if (!sent || typeof sent !== "object" || sent.checklist !== checklist || typeof sent.page !== "string" || typeof sent.number !== "number") return null;
    if (!Array.isArray(sent.changes) || !sent.changes.every(function (ch) { return ch && typeof ch === "object"; })) return null;
    if (has(sent, "run") && (typeof sent.run !== "string" || !/^[a-z0-9][a-z0-9.-]{0,99}$/.test(sent.run))) return null; // a run's name (fold.RUN_NAME)
    return { tag: sent.page + "/" + sent.number, changes: sent.changes, run: has(sent, "run") ? sent.run : null };
  }
  /* Under the project (meeting.Room.project_key: every meeting of a project on this machine's address shares the
     browser's storage, and so would another project's meeting there with a checklist of the same id) and the checklist. */
  Recorder.prototype.unsentKey = function () { return UNSENT + (this.live ? this.live.project : "") + ":" + this.c.id; };
  Recorder.prototype.storedUnsent = function () {
    var stored = readStored(this.unsentKey());
    var c = this.c.id;
    return Array.isArray(stored) ? stored.filter(function (body) { return typeof body === "string" && unsentTag(body, c) !== null; }) : [];
  };
  /* The recordings forgotten (the live line's Forget button) in any tab of this browser, by page and number: a
     tombstone under the project and the checklist, so that another tab still holding one (taken up at its load, or its
     own) neither shows it nor writes it back into storage (it did: a Forget in one tab was undone by the next recording
     of another). The last FORGOTTEN_KEPT are kept: a page's tag is random, none comes again. */
  var FORGOTTEN = "checklist-site:forgotten:", FORGOTTEN_KEPT = 500;
  Recorder.prototype.forgottenKey = function () { return FORGOTTEN + (this.live ? this.live.project : "") + ":" + this.c.id; };
  Recorder.prototype.forgotten = function () {
    var stored = readStored(this.forgottenKey());
    return Array.isArray(stored) ? stored.filter(function (tag) { return typeof tag === "string"; }) : [];
  };
  /* This page's recordings that a tab of this browser forgot, dropped; whether there were any. */
  Recorder.prototype.dropForgotten = function () {
    var self = this, gone = this.forgotten(), before = this.unsent.length;
    if (!gone.length) return false;
    this.unsent = this.unsent.filter(function (kept) { var found = unsentTag(kept.body, self.c.id); return !found || gone.indexOf(found.tag) < 0; });
    return this.unsent.length !== before;
  };
  /* This page's recordings kept unsent into storage, with those other pages keep (a tab still open), none it sent and
     none a tab forgot. */
  Recorder.prototype.keepUnsent = function () {
    var self = this;
    this.dropForgotten();
    var others = this.storedUnsent().filter(function (body) { return !has(self.held, unsentTag(body, self.c.id).tag); });
    var all = others.concat(this.unsent.map(function (kept) { return kept.body; }));
    writeStored(this.unsentKey(), all.length ? all : null);
  };
  /* The recordings kept unsent for ``run``, another run than the room's, forgotten (the live line's button). */
  Recorder.prototype.forgetUnsent = function (run) {
    var self = this;
    var gone = this.unsent.filter(function (kept) { return !self.sendable(kept) && (kept.run || "?") === run; });
    var tags = gone.map(function (kept) { return unsentTag(kept.body, self.c.id).tag; });
    writeStored(this.forgottenKey(), this.forgotten().filter(function (tag) { return tags.indexOf(tag) < 0; }).concat(tags).slice(-FORGOTTEN_KEPT));
    this.unsent = this.unsent.filter(function (kept) { return gone.indexOf(kept) < 0; });
    gone.forEach(function (kept) { delete self.held[unsentTag(kept.body, self.c.id).tag]; });
    var bodies = gone.map(function (kept) { return kept.body; });
    var others = this.storedUnsent().filter(function (body) { return bodies.indexOf(body) < 0 && !has(self.held, unsentTag(body, self.c.id).tag); });
    var all = others.concat(this.unsent.map(function (kept) { return kept.body; }));
    writeStored(this.unsentKey(), all.length ? all : null);
    this.say("Forgotten: " + gone.map(function (kept) { return kept.changes.map(function (ch) { return describe(self.c, ch); }).join("; "); }).join("; ") +
      " (made for run " + run + ", never recorded)", false);
    if (this.meeting) this.meeting.show();
  };
  /* At load: the recordings kept unsent by this browser's pages of the checklist, sent once the meeting answers. */
  Recorder.prototype.takeUnsent = function () {
    var self = this, gone = this.forgotten();
    this.storedUnsent().forEach(function (body) {
      var found = unsentTag(body, self.c.id);
      if (has(self.held, found.tag) || gone.indexOf(found.tag) >= 0) return;
      self.held[found.tag] = true;
      self.unsent.push({ body: body, changes: found.changes, run: found.run });
    });
  };
  /* The run the room records into, as the live line names it ('' before the meeting's state is known). */
  Recorder.prototype.roomRun = function () {
    var run = this.meeting && this.meeting.run;
    return run && typeof run.name === "string" ? run.name : "";
  };
  /* Whether a recording kept unsent may go to this meeting: made for the room's run (or before recordings named theirs). */
  Recorder.prototype.sendable = function (kept) {
    return !kept.elsewhere && (kept.run === null || kept.run === undefined || kept.run === this.roomRun());
  };

  Recorder.prototype.name = function () {
    var stored = "";
    try { stored = window.localStorage.getItem(NAME) || ""; } catch (e) { /* none */ }
    var name = this.panel ? this.panel.name.value.trim() : stored.trim();
    return name.normalize("NFKC").replace(/ {2,}/g, " "); // as the record reads names (types.person): 'José' however typed, one space (NFKC makes a no-break space one); controls stay, to be refused
  };
  Recorder.prototype.nameProblem = function () {
    var name = this.name();
    if (!name) return "Fill in your name above: every entry says who recorded it.";
    var why = textProblem(name, this.c.max);
    return why ? "Your name " + shown(name) + " " + why + ": write it on one line, within " + this.c.max + " characters." : "";
  };
  /* An entry file made here names who recorded it as typed, and the site built from the record shows it: an e-mail
     address typed as the name would be published (the meeting records it under the name the project's .mailmap gives
     it, meeting._named; a file made here cannot). */
  Recorder.prototype.addressProblem = function () {
    return /[^\s@<>]+@[^\s@<>]+/.test(this.name())
      ? "Your name holds an e-mail address, which the site would show with your entry: write your name (as the project's .mailmap gives it)."
      : "";
  };

  Recorder.prototype.load = function () {
    var raw = readStored(this.key);
    var legacy = readStored(TICKS + this.c.id);
    var checked = checkStored(this.c, raw, legacy);
    if (raw && typeof raw.folder === "string" && raw.folder !== this.folder) anotherRun(checked, raw.folder, this.folder);
    this.dropped = this.dropped.concat(checked.dropped);
    var me = this.nameProblem() ? "" : this.name();
    settle(this.c, checked.changes, me);
    this.changes = checked.changes;
    if (legacy !== null || JSON.stringify(raw) !== JSON.stringify(this.stored())) this.save();
  };
  /* The changes made here as storage keeps them: with the record folder they are for (the run this page records into;
     templates/_tick.md.jinja), so that changes made during one launch, not recorded, are not taken into the next run's. */
  Recorder.prototype.stored = function () {
    var ch = this.changes;
    var empty = !Object.keys(ch.items).length && !Object.keys(ch.signoffs).length && !Object.keys(ch.approvals).length && !ch.decision;
    return empty ? null : { folder: this.folder, items: ch.items, signoffs: ch.signoffs, approvals: ch.approvals, decision: ch.decision };
  };
  Recorder.prototype.save = function () {
    writeStored(this.key, this.stored());
    if (readStored(TICKS + this.c.id) !== null) writeStored(TICKS + this.c.id, null);
  };

  /* Stored changes made for another run's record (a launch before the run started that this page records into): dropped,
     each said with why, as the panel says what it drops; they were taken into the next launch's entry as made for it. */
  function anotherRun(checked, folder, here) {
    var why = "made for the record in " + shown(folder) + ", another run's than the one this page records into (" + shown(here) + ")";
    var ch = checked.changes;
    Object.keys(ch.items).forEach(function (id) { checked.dropped.push("item " + shown(id) + ": " + why); });
    Object.keys(ch.signoffs).forEach(function (id) { checked.dropped.push("sign-off " + shown(id) + ": " + why); });
    Object.keys(ch.approvals).forEach(function (id) { checked.dropped.push("approval " + shown(id) + ": " + why); });
    if (ch.decision) checked.dropped.push("Go/No-Go: " + why);
    checked.changes = { items: dict(), signoffs: dict(), approvals: dict(), decision: null };
  }

  Recorder.prototype.setup = function () {
    var self = this;
    var lis = this.article.querySelectorAll("li.task-list-item");
    for (var i = 0; i < lis.length; i++) {
      var li = lis[i];
      var id = itemId(li);
      var box = boxOf(li);
      if (!id || !box || li.closest(".cl-sheet") || !this.c.isItem(id) || has(this.byId, id)) continue;
      var item = { id: id, li: li, box: box };
      this.items.push(item);
      this.byId[id] = item;
      box.addEventListener("change", this.tick.bind(this, item));
      /* An inline element, not a <button>: a line may break before any button (an atomic inline), and on a phone the ⋯
         went to a line of its own. Text glued to the item's last word by a no-break space goes with it instead. */
      var more = el("span", { role: "button", tabindex: "0", "class": "cl-item-more", "aria-label": "Record a state or a note for: " + (box.getAttribute("aria-label") || id), title: "Done, n/a, waived, reopen, note", text: "⋯" });
      more.addEventListener("click", this.itemForm.bind(this, item));
      more.addEventListener("keydown", pressed);
      var host = li.querySelector(":scope > p") || li;
      var next = host.querySelector(":scope > .cl-permalink, :scope > .cl-details, :scope > ul, :scope > ol");
      if (next && next.classList.contains("cl-permalink") && next.previousSibling && next.previousSibling.nodeType === 3) next = next.previousSibling;
      var words = next ? next.previousSibling : host.lastChild;
      if (words && words.nodeType === 3) words.nodeValue = words.nodeValue.replace(/\s+$/, ""); // a space before the glue would be a break
      host.insertBefore(document.createTextNode("\u00a0"), next);
      host.insertBefore(more, next); // after the item's words, before its ¶ (whichever script ran first)
    }
    this.signoffButtons();
    window.addEventListener("storage", function (event) {
      if (event.key === self.key || event.key === NAME) { self.load(); self.refresh(); }
    });
    this.load();
  };

  /* A box ticked or unticked: a done here (or, live, recorded at once). */
  Recorder.prototype.tick = function (item) {
    if (this.live) {
      var self = this;
      var ticked = item.box.checked;
      item.box.checked = !ticked;
      if (!ticked) return; // a recorded item is unticked through ⋯ (reopen)
      this.send([{ item: item.id, state: "done" }], item.box).then(function () { item.box.checked = true; }, function () { self.refresh(); });
      return;
    }
    if (item.box.checked) this.changes.items[item.id] = { state: "done", date: today() };
    else delete this.changes.items[item.id];
    this.save();
    this.refresh();
  };

  /* Live: record ``changes`` now, as one entry; resolves when the record holds them. ``replace``: the entries of others
     this person saw and agreed to change, as the record named them ({item, state, by}): the record refuses again if it
     holds another one by now (a tab that had not caught up, or someone who recorded meanwhile). */
  Recorder.prototype.send = function (changes, busy, replace) {
    var self = this;
    var problem = this.nameProblem();
    if (problem) {
      this.say(problem, true);
      if (this.panel) { this.panel.details.open = true; this.panel.name.focus(); }
      return Promise.reject(new Error(problem));
    }
    if (busy) busy.disabled = true;
    /* numbered: the meeting answers one the network sends again as the first time, and refuses one that arrives after a
       later recording of the same item from this page (a tick reaching it after its untick) */
    var run = this.roomRun() || null; // the run it is recorded for: kept unsent, it goes to a meeting of that run only
    var sent = { checklist: this.c.id, by: this.name(), changes: changes, replace: Array.isArray(replace) ? replace : false, page: this.page, number: ++this.sent };
    if (run) sent.run = run;
    var body = JSON.stringify(sent);
    var asked = changes.map(subject);  // recorded again meanwhile (ticked again): the one kept unsent (for this run) is not sent after it
    var before = this.unsent.length;
    this.unsent = this.unsent.filter(function (kept) { return kept === self.resending || !self.sendable(kept) || !kept.changes.every(function (ch) { return asked.indexOf(subject(ch)) >= 0; }); });
    if (this.unsent.length !== before) this.keepUnsent();
    return this.post(body).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (response.status === 409 && Array.isArray(answer.conflicts) && answer.conflicts.length) {
          if (heldAlready(changes, answer.conflicts)) { // two people ticked the same box at once: the first one's is the record
            self.say("Already recorded: " + answer.conflicts.map(function (cf) { return cf.item + ": " + cf.state + " by " + cf.by; }).join("; ") + " (nothing to change)", false);
            if (self.meeting) self.meeting.update();
            return answer;
          }
          self.askReplace(answer, changes, busy);
          throw new Error(answer.error || "it changes someone else's entry");
        }
        if (!response.ok) throw new Error((answer.error || "the meeting refused it (" + response.status + ")") + (answer.hint ? " — " + answer.hint : ""));
        self.say("Recorded: " + changes.map(function (ch) { return describe(self.c, ch); }).join("; "), false);
        if (self.meeting) self.meeting.update();
        return answer;
      });
    }, function () {
      /* No answer. Offline, nothing was sent; else the connection may have dropped (the server stopped or restarted, a
         network gone) after the server recorded it: the page says so, not "nothing was recorded", keeps the recording
         and sends it again as it was (its page and number) once the meeting answers: the meeting answers one it has
         recorded as the first time, from the record after a restart too, so it is recorded once (``resend``). */
      self.unsent.push({ body: body, changes: changes, run: run });
      self.held[unsentTag(body, self.c.id).tag] = true;
      self.keepUnsent();
      var lost = new Error(navigator.onLine === false
        ? "this browser is offline: not recorded yet; this page sends it once the meeting answers again"
        : "no answer from the meeting's server: this page sends it again once the meeting answers (it is recorded once, whether or not it was before the connection dropped)");
      lost.unsure = navigator.onLine !== false;
      if (self.meeting) self.meeting.update();
      throw lost;
    }).then(function (answer) {
      if (busy) busy.disabled = false;
      return answer;
    }, function (error) {
      if (busy) busy.disabled = false;
      self.say((error.unsure ? "Perhaps not recorded: " : "Not recorded: ") + error.message, true);
      throw error;
    });
  };

  /* What a change records, as one key: 'item:ID', 'signoff:GROUP', ... (the meeting's subjects). */
  function subject(ch) {
    var kinds = ["item", "signoff", "approval", "assign", "attendee", "run"];
    for (var i = 0; i < kinds.length; i++) if (has(ch, kinds[i])) return kinds[i] + ":" + ch[kinds[i]];
    return "decision:";
  }

  Recorder.prototype.post = function (body) {
    return fetch(this.live.api + "record", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Checklist-Site-Token": this.live.token },
      body: body,
    });
  };

  /* The meeting answers again (its state fetched): send the recordings that got no answer, in their order, each as it
     was; stop at the first that gets none again. A refusal is said (a later recording of the same item from this page
     came first, a run closed meanwhile). */
  Recorder.prototype.resend = function () {
    var self = this;
    if (this.resending) return;
    var next = this.unsent.filter(function (kept) { return self.sendable(kept); })[0], answered = false;
    if (!next) return; // none, or each made for another run than the room's: kept, the live line says so
    this.resending = next;
    this.post(next.body).then(function (response) {
      answered = true;
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (response.status === 409 && answer.elsewhere === true) { // made for another run (the room's state not known yet): kept
          next.elsewhere = true; // not sent again to this meeting: its state names the room's run next
          if (self.meeting) self.meeting.update();
          return;
        }
        self.unsent = self.unsent.filter(function (kept) { return kept !== next; });
        self.keepUnsent();
        var what = next.changes.map(function (ch) { return describe(self.c, ch); }).join("; ");
        if (response.ok) self.say("Recorded (sent again once the meeting answered): " + what, false);
        else self.say("Not recorded: " + what + ": " + (answer.error || "the meeting refused it (" + response.status + ")") + (answer.hint ? " — " + answer.hint : ""), true);
        if (self.meeting) self.meeting.update();
      });
    }, function () { /* no answer again: kept, tried when the meeting next answers */ }).then(function () {
      self.resending = false;
      if (answered && self.unsent.indexOf(next) < 0) self.resend(); // the next one, in order
    });
  };

  /* Whether the record holds already what ``changes`` ask (each an item's state, nothing more, recorded so by someone
     else meanwhile, as ``conflicts`` say): nothing to change, nothing to ask. */
  function heldAlready(changes, conflicts) {
    return changes.every(function (ch) {
      var plain = has(ch, "item") && ch.state && !ch.note && !ch.reason && !ch.approver;
      return plain && conflicts.some(function (cf) { return cf.item === ch.item && cf.state === ch.state; });
    });
  }

  /* The record refused to replace someone else's entry: say whose, and offer to change it anyway. */
  Recorder.prototype.askReplace = function (answer, changes, busy) {
    var self = this;
    if (!this.panel) return;
    var yes = el("button", { type: "button", "class": "md-button cl-replace", text: "Change it anyway" });
    yes.addEventListener("click", function () { yes.remove(); self.send(changes, busy, answer.conflicts).catch(function () {}); });
    setTimeout(function () {
      self.panel.details.open = true;
      fill(self.panel.status, ["This changes someone else's entry: " + (answer.error || "") + ". ", yes]);
      self.panel.status.className = "cl-record-status cl-record-status--problem";
    }, 0);
  };

  Recorder.prototype.say = function (text, alarm) {
    if (!this.panel) return;
    this.panel.status.textContent = text;
    this.panel.status.className = "cl-record-status" + (alarm ? " cl-record-status--problem" : "");
  };

  /* Static pages: the item's own state label as the build wrote it; live: as the record says now. */
  function stateLabel(e) {
    var parts = [e.state];
    if (e.state === "waived" && e.reason) parts.push("reason: " + e.reason + (e.approver ? ", accepted by " + e.approver : ""));
    if (e.by) parts.push(e.by);
    if (e.date) parts.push(e.date);
    var key = { done: "done", "n/a": "not_applicable", waived: "waived", open: "open" }[e.state] || "open";
    return el("span", { "class": "cl-state cl-state--" + key + " cl-live-state", text: parts.join(" · ") });
  }

  Recorder.prototype.refresh = function () {
    var self = this;
    this.items.forEach(function (item) {
      var e = self.c.entry(item.id);
      var recorded = !!(e && has(RESOLVED, e.state));
      var ch = has(self.changes.items, item.id) ? self.changes.items[item.id] : null;
      item.li.classList.toggle("cl-recorded", recorded);
      item.box.disabled = recorded;
      item.box.checked = recorded ? e.state === "done" : !!(ch && ch.state === "done");
      item.box.title = recorded ? "Recorded: " + e.state + (e.by ? " by " + e.by : "") + " (to change it, use ⋯)" : "";
      if (self.live) {
        var old = item.li.querySelector(":scope > .cl-state, :scope > p > .cl-state");
        var label = e && (e.state !== "open") ? stateLabel(e) : null;
        if (old && (!label || old.textContent !== label.textContent)) old.remove();
        if (label && !(old && old.isConnected)) {
          var host = item.li.querySelector(":scope > p") || item.li;
          host.insertBefore(label, host.querySelector(":scope > .cl-item-more"));
        }
      }
      var local = ch && (ch.state || ch.note) ? (ch.state === "done" ? "ticked" : ch.state ? LABEL[ch.state] : "note made") + " here, not recorded" : "";
      if (ch && ch.state && recorded && ch.state === e.state) local = "";
      item.li.classList.toggle("cl-ticked", !!local);
      var tag = item.li.querySelector(":scope > .cl-local-tag, :scope > p > .cl-local-tag");
      if (local && !tag) {
        tag = el("span", { "class": "cl-local-tag" });
        var where = item.li.querySelector(":scope > p") || item.li;
        where.insertBefore(tag, where.querySelector(":scope > .cl-item-more"));
      }
      if (tag && !local) tag.remove();
      else if (tag) tag.textContent = local;
    });
    if (this.live) this.showSignoffs();
    this.progress();
    if (this.panel) this.panel.update();
    if (this.meeting) this.meeting.show();
  };

  /* Live: each group's sign-off line says who signed it off, as the record says now. */
  Recorder.prototype.showSignoffs = function () {
    var signoffs = this.c.recorded.signoffs;
    var lines = this.signoffLines;
    Object.keys(lines).forEach(function (id) {
      var line = lines[id];
      var live = line.querySelector(".cl-live-signoff");
      if (!live) {
        live = el("span", { "class": "cl-live-signoff" });
        line.insertBefore(live, line.querySelector(".cl-signoff-button"));
      }
      var s = has(signoffs, id) ? signoffs[id] : null;
      live.textContent = s ? "signed off by " + embedded(s[0]) + (s[1] ? " on " + s[1] : "") + " " : "";
    });
  };

  Recorder.prototype.resolved = function () {
    var c = this.c;
    return function (id) { var e = c.entry(id); return !!(e && has(RESOLVED, e.state)); };
  };
  Recorder.prototype.localDone = function () {
    var changes = this.changes;
    return function (id) { return has(changes.items, id) && has(RESOLVED, changes.items[id].state || ""); };
  };

  /* Progress under every group heading (h2) and at the top of the page; on the overview, per section. */
  /* Which run this page's numbers are of, where the checklist has named runs ('' where not): live, the meeting's
     (meeting.Room.shown: `meeting --run NAME` may show another than the pages were built for); else the run the page was
     built for, its record folder's (data/ID.record/RUN). With a release's run and a hotfix's open, no line said which. */
  Recorder.prototype.runName = function () {
    var run = this.meeting && this.meeting.run;
    if (run) return run.named && typeof run.name === "string" ? run.name : "";
    var parts = (this.folder || "").split("/");
    return parts.length > 1 && /\.record$/.test(parts[parts.length - 2]) ? parts[parts.length - 1] : "";
  };

  Recorder.prototype.progress = function () {
    var self = this;
    var run = this.runName();
    var of = run ? " (run " + run + ")" : "";
    var resolved = this.resolved();
    var local = this.localDone();
    if (!this.groupLines) {
      this.groupLines = [];
      var headings = this.article.querySelectorAll("h2[id]");
      for (var i = 0; i < headings.length; i++) {
        var h2 = headings[i];
        var members = [];
        for (var node = h2.nextElementSibling; node && node.tagName !== "H2" && node.tagName !== "H1"; node = node.nextElementSibling) {
          self.items.forEach(function (item) { if (node.contains(item.li)) members.push(item.id); });
        }
        if (!members.length) continue;
        var line = el("p", { "class": "cl-group-progress" });
        h2.parentNode.insertBefore(line, h2.nextSibling);
        this.groupLines.push({ line: line, items: members });
      }
    }
    this.groupLines.forEach(function (group) { fill(group.line, progressLine(counts(group.items, resolved, local), "")); });
    var cells = this.article.querySelectorAll(".cl-count[data-section]");
    if (cells.length) {
      var all = [];
      for (var j = 0; j < cells.length; j++) {
        var section = cells[j].getAttribute("data-section");
        var ids = Object.keys(this.c.items).filter(function (id) { return self.c.items[id][0] === section; });
        all = all.concat(ids);
        fill(cells[j], progressLine(this.served(counts(ids, resolved, local), "sections", section), ""));
      }
      fill(this.summary, progressLine(this.served(counts(all, resolved, local), "overall"), "All sections" + of + ": "));
    } else if (this.items.length) {
      var page = this.c.items[this.items[0].id][0];
      var one = this.items.every(function (i) { return self.c.items[i.id][0] === page; });
      var n = counts(this.items.map(function (i) { return i.id; }), resolved, local);
      fill(this.summary, progressLine(one ? this.served(n, "sections", page) : n, "This page" + of + ": "));
    }
  };

  /* Live: what the record resolves as the server counts it (readiness(), the numbers of every screen), with what is
     ticked here and not recorded (this browser's own) on top; static pages, or no such numbers: ``n`` as counted here. */
  Recorder.prototype.served = function (n, where, key) {
    var p = liveNumbers(this.readiness, where, key);
    return p ? { total: p.total, recorded: p.resolved, local: n.local } : n;
  };

  /* ---- forms: an item's state or note, a group's sign-off ---- */

  function field(label, input) { return el("label", { "class": "cl-form-field" }, [label + " ", input]); }
  function input(attrs) { return el("input", Object.assign({ type: "text", "class": "cl-form-input" }, attrs)); }

  function closeForms(root) {
    var open = root.querySelectorAll("form.cl-form");
    for (var i = 0; i < open.length; i++) open[i].remove();
  }

  /* The form under an item: done, n/a, waived (reason; approver for a critical item), reopen, or a note only. */
  Recorder.prototype.itemForm = function (item) {
    var self = this;
    var c = this.c;
    var existing = item.li.querySelector(":scope > form.cl-form");
    closeForms(this.article);
    if (existing) return;
    var e = c.entry(item.id);
    var legend = el("legend", { text: "Record for " + item.id });
    var choices = el("div", { "class": "cl-form-states", role: "radiogroup", "aria-label": "State" });
    ["done", "n/a", "waived", "open", "note"].forEach(function (state) {
      var radio = el("input", { type: "radio", name: "cl-state-" + item.id, value: state });
      if (state === (e && e.state !== "open" ? e.state : "done")) radio.checked = true;
      choices.appendChild(el("label", {}, [radio, " " + { done: "Done", "n/a": "N/A", waived: "Waived", open: "Reopen", note: "Note only" }[state]]));
    });
    var note = input({ name: "note", autocomplete: "off" });
    var reason = input({ name: "reason", autocomplete: "off" });
    var approver = input({ name: "approver", autocomplete: "off" });
    var confirm = el("input", { type: "checkbox", name: "confirm" });
    var confirmRow = el("label", { "class": "cl-form-confirm", hidden: "" }, [confirm, el("span")]);
    var problem = el("p", { "class": "cl-form-problem", role: "alert" });
    var submit = el("button", { type: "submit", "class": "md-button md-button--primary", text: this.live ? "Record" : "Add to the Record panel" });
    var cancel = el("button", { type: "button", "class": "md-button", text: "Cancel" });
    var form = el("form", { "class": "cl-form", "aria-label": "Record for " + item.id }, [
      el("fieldset", {}, [
        legend,
        el("p", { "class": "cl-form-recorded", text: e && e.state !== "open" ? "Recorded: " + e.state + (e.by ? " by " + e.by : "") + (e.date ? " on " + e.date : "") + (e.note ? " — note: " + e.note : "") : "Recorded: nothing yet (open)." }),
        choices,
        field("Note", note),
        field("Reason (for waived)", reason),
        field("Approver (for waived" + (c.critical(item.id) ? ", required: critical item" : "") + ")", approver),
        confirmRow,
        problem,
        el("p", {}, [submit, " ", cancel]),
      ]),
    ]);
    function chosen() { return form.querySelector("input[type=radio]:checked").value; }
    var agreed = false; // the entry the box names, as shown: what "record it anyway" agrees to change
    function sync() {
      var other = othersItem(c, item.id, chosen() === "note" ? "" : chosen(), self.name());
      var shownNow = c.entry(item.id);
      agreed = other && shownNow ? [{ item: item.id, state: shownNow.state, by: shownNow.by }] : false;
      confirmRow.hidden = !other;
      confirmRow.lastChild.textContent = " This changes " + embedded(other) + ": record it anyway";
    }
    choices.addEventListener("change", sync);
    sync();
    cancel.addEventListener("click", function () { form.remove(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var state = chosen();
      var change = { date: today() };
      if (state !== "note") change.state = state;
      var values = { note: note.value.trim(), reason: reason.value.trim(), approver: approver.value.trim() };
      var why = "";
      if (state === "note" && !values.note) why = "Write the note.";
      if (state === "waived" && !values.reason) why = "A waived item needs a reason.";
      if (state === "waived" && c.critical(item.id) && !values.approver) why = "A waived critical item needs the approver who accepted the risk.";
      ["note", "reason", "approver"].forEach(function (k) {
        if (!values[k] || (k !== "note" && state !== "waived")) return;
        var bad = textProblem(values[k], c.max) || (k !== "approver" ? c.code.problem(values[k]) : "");
        if (bad && !why) why = "The " + k + " is " + bad + ".";
        change[k] = values[k];
      });
      if (!why && !confirmRow.hidden && !confirm.checked) why = "Tick the box to change someone else's entry.";
      if (why) { problem.textContent = why; return; }
      if (!confirmRow.hidden) change.confirm = true;
      if (self.live) {
        var sent = { item: item.id };
        ["state", "note", "reason", "approver"].forEach(function (k) { if (change[k]) sent[k] = change[k]; });
        self.send([sent], submit, !confirmRow.hidden && agreed).then(function () { form.remove(); }, function (error) { problem.textContent = error.message; });
        return;
      }
      self.changes.items[item.id] = change;
      self.save();
      form.remove();
      self.refresh();
    });
    var host = item.li.querySelector(":scope > p") || item.li;
    item.li.insertBefore(form, host === item.li ? item.li.querySelector(":scope > .cl-details, :scope > ul, :scope > ol") : host.nextSibling);
    form.querySelector("input[type=radio]:checked").focus();
  };

  /* A "Sign off" button on the sign-off line of every group of the page. */
  Recorder.prototype.signoffButtons = function () {
    var self = this;
    Object.keys(this.c.groups).forEach(function (id) {
      var heading = document.getElementById(id);
      if (!heading || !self.article.contains(heading) || heading.tagName !== "H2") return;
      var line = null;
      for (var node = heading.nextElementSibling; node && node.tagName !== "H2" && !line; node = node.nextElementSibling) {
        line = node.classList.contains("cl-signoff") ? node : node.querySelector(".cl-signoff");
      }
      if (!line) return;
      self.signoffLines[id] = line;
      var button = el("button", { type: "button", "class": "md-button cl-signoff-button", text: "Sign off…", "aria-label": "Sign off group " + id });
      button.addEventListener("click", function () { self.signoffForm(id, line); });
      line.appendChild(document.createTextNode(" "));
      line.appendChild(button);
    });
  };

  Recorder.prototype.signoffForm = function (id, line) {
    var self = this;
    var c = this.c;
    var existing = line.nextElementSibling && line.nextElementSibling.matches("form.cl-form") ? line.nextElementSibling : null;
    closeForms(this.article);
    if (existing) return;
    var open = c.openItems(id).filter(function (i) { return !(has(self.changes.items, i) && has(RESOLVED, self.changes.items[i].state || "")); });
    var note = input({ name: "note", autocomplete: "off" });
    var withOpen = el("input", { type: "checkbox", name: "with_open" });
    var confirm = el("input", { type: "checkbox", name: "confirm" });
    var other = othersSignoff(c, id, this.name());
    var agreed = other ? [{ signoff: id, by: c.recorded.signoffs[id][0] }] : false; // the sign-off the box names, as shown
    var problem = el("p", { "class": "cl-form-problem", role: "alert" });
    var submit = el("button", { type: "submit", "class": "md-button md-button--primary", text: this.live ? "Sign off" : "Add to the Record panel" });
    var rows = [el("legend", { text: "Sign off group " + id }), field("Note", note)];
    if (open.length) rows.push(el("label", { "class": "cl-form-confirm" }, [withOpen, " Sign off with " + open.length + " item" + (open.length === 1 ? "" : "s") + " still open (recorded as such)"]));
    if (other) rows.push(el("label", { "class": "cl-form-confirm" }, [confirm, " This replaces " + other + ": sign off anyway"]));
    /* a group signed off: its sign-off can be withdrawn (recorded by mistake), as `signoff --withdraw` does */
    var signed = has(c.recorded.signoffs, id) ? c.recorded.signoffs[id] : null;
    var withdraw = el("input", { type: "checkbox", name: "withdraw" });
    if (signed) rows.push(el("label", { "class": "cl-form-confirm" }, [withdraw, " Withdraw the sign-off by " + embedded(signed[0]) + " instead: the group is not signed off"]));
    var label = submit.textContent;
    withdraw.addEventListener("change", function () { submit.textContent = withdraw.checked ? "Withdraw the sign-off" : label; });
    rows.push(problem, el("p", {}, [submit]));
    var form = el("form", { "class": "cl-form", "aria-label": "Sign off group " + id }, [el("fieldset", {}, rows)]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var undo = withdraw.checked;
      var why = open.length && !withOpen.checked && !undo ? "The group has open items: tick the box to sign off with them open." : "";
      if (!why && other && !confirm.checked) why = "Tick the box to replace " + other + ".";
      var text = note.value.trim();
      var bad = text ? textProblem(text, c.max) || c.code.problem(text) : "";
      if (!why && bad) why = "The note is " + bad + ".";
      if (why) { problem.textContent = why; return; }
      var change = { signoff: id };
      if (text) change.note = text;
      if (undo) change.withdrawn = true;
      else if (open.length) change.with_open = true;
      if (self.live) {
        self.send([change], submit, agreed).then(function () { form.remove(); }, function (error) { problem.textContent = error.message; });
        return;
      }
      self.changes.signoffs[id] = { date: today(), note: text, with_open: !!open.length && !undo, confirm: !!other, withdrawn: undo };
      self.save();
      form.remove();
      self.refresh();
    });
    line.parentNode.insertBefore(form, line.nextSibling);
    note.focus();
  };

  /* ---- the Record panel ---- */

  function copyButton(code, text) {
    var button = el("button", { type: "button", "class": "md-button cl-copy", text: text });
    button.addEventListener("click", function () {
      copyText(code.textContent, code, function (copied) {
        button.textContent = copied ? "Copied" : "Selected: copy it by hand";
        setTimeout(function () { button.textContent = text; }, copied ? 1500 : 4000);
      });
    });
    return button;
  }

  function select(name, options) {
    var node = el("select", { name: name, "class": "cl-form-input" });
    Object.keys(options).forEach(function (value) { node.appendChild(el("option", { value: value, text: options[value] })); });
    return node;
  }

  function Panel(recorder, host) {
    var self = this;
    var r = recorder;
    this.r = r;
    this.count = el("span", { "class": "cl-record-count" });
    this.name = el("input", { type: "text", autocomplete: "name", "class": "cl-record-name", placeholder: "e.g. Priya" });
    try { this.name.value = window.localStorage.getItem(NAME) || ""; } catch (e) { /* none */ }
    this.name.addEventListener("input", function () {
      try { window.localStorage.setItem(NAME, self.name.value.trim()); } catch (e) { /* not kept */ }
      r.refresh();
    });
    this.dropped = el("div", { "class": "cl-record-dropped", role: "alert" });
    this.status = el("p", { "class": "cl-record-status", role: "status" });
    this.list = el("ul", { "class": "cl-record-changes" });
    this.yaml = el("code");
    this.sh = el("code");
    this.entryLink = el("a", { "class": "md-button cl-download", text: "Download the entry file" });
    this.clear = el("button", { type: "button", "class": "md-button cl-start-over", text: "Start over" });
    this.note = el("span", { "class": "cl-start-over-note", role: "status" });
    this.sendOld = el("button", { type: "button", "class": "md-button md-button--primary cl-record-send", text: "Record them now" });
    var label = el("label", { "class": "cl-record-label" }, ["Your name (for ", el("code", { text: "by" }), ") ", this.name]);
    var intro = r.live
      ? el("p", {}, ["Live meeting: what you record here goes into the project's record at once, with your name, and everybody's screen shows it within seconds."])
      : el("p", {}, [
          "What you record here is kept in this browser only. To record it for everyone, download the entry file and put it into ",
          el("code", { text: r.folder + "/" }),
          " (on a Git host: Add file → Upload files into that folder), or run the commands in the project folder. Its name is new every time: it never replaces a file.",
        ]);
    var body = [el("summary", {}, [r.live ? "Record (live meeting)" : "Record what was ticked here (", r.live ? "" : this.count, r.live ? "" : ")"]), intro, label, this.dropped, this.status];
    body = body.concat(this.finalForms());
    if (r.live) {
      this.oldRow = el("p", { hidden: "" }, ["Made here before the meeting, not recorded yet: ", this.list, this.sendOld]);
      body.push(this.oldRow);
      this.sendOld.addEventListener("click", function () {
        var list = changeList(r.ready());
        if (list.length) r.send(list, self.sendOld).then(function () { r.forget(list); });
      });
    } else {
      body.push(
        el("p", { "class": "cl-record-title" }, [el("strong", { text: "Changes made here" })]),
        this.list,
        el("p", { "class": "cl-record-title" }, [el("strong", { text: "Record entry file" }), " (into ", el("code", { text: r.folder + "/" }), ")"]),
        el("pre", { "class": "cl-record-yaml" }, [this.yaml]),
        el("p", {}, [copyButton(this.yaml, "Copy the entry"), " ", this.entryLink]),
        el("p", { "class": "cl-record-title" }, [el("strong", { text: "Commands" }), " (in the project folder, with checklist-site on PATH)"]),
        el("pre", { "class": "cl-record-sh" }, [this.sh]),
        el("p", {}, [copyButton(this.sh, "Copy commands")])
      );
    }
    this.details = el("details", { "class": "cl-record" }, body);
    this.root = el("div", { "class": "cl-toolbar" }, [this.details, el("p", { "class": "cl-start-over-row" }, [this.clear, " ", this.note])]);
    host.appendChild(this.root);
    this.clear.addEventListener("click", this.startOver.bind(this));
  }

  /* An approver's decision and the Go/No-Go, for the whole checklist. */
  Panel.prototype.finalForms = function () {
    var r = this.r;
    var c = r.c;
    var forms = [];
    if (Object.keys(c.roles).length) {
      var role = select("role", c.roles);
      var vote = select("decision", VOTES);
      var add = el("button", { type: "submit", "class": "md-button", text: r.live ? "Record the approval" : "Add the approval" });
      var approval = el("form", { "class": "cl-final-form", "aria-label": "Approval" }, [el("strong", { text: "Approval " }), field("Role", role), " ", field("Decision", vote), " ", add]);
      approval.addEventListener("submit", function (event) {
        event.preventDefault();
        if (r.live) return void r.send([{ approval: role.value, decision: vote.value }], add).catch(function () {});
        r.changes.approvals[role.value] = { decision: vote.value, date: today() };
        r.save();
        r.refresh();
      });
      forms.push(approval);
    }
    if (c.decision) {
      var decision = select("decision", VOTES);
      var blockers = el("textarea", { name: "blockers", rows: "2", "class": "cl-form-input", placeholder: "one per line" });
      var problem = el("span", { "class": "cl-form-problem", role: "alert" });
      var take = el("button", { type: "submit", "class": "md-button", text: r.live ? "Record the decision" : "Add the decision" });
      var form = el("form", { "class": "cl-final-form", "aria-label": "Go / No-Go decision" }, [el("strong", { text: "Go / No-Go " }), field("Decision", decision), " ", field("Blockers", blockers), " ", take, " ", problem]);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var lines = blockers.value.split(/\r?\n/).map(function (b) { return b.trim(); }).filter(Boolean);
        var why = function (b) { return textProblem(b, c.max) || c.code.problem(b); };
        var bad = lines.filter(why);
        if (bad.length) { problem.textContent = "A blocker is " + why(bad[0]) + "."; return; }
        problem.textContent = "";
        var change = { decision: decision.value };
        if (lines.length) change.blockers = lines;
        if (r.live) return void r.send([change], take).catch(function () {});
        r.changes.decision = { decision: decision.value, blockers: lines, date: today() };
        r.save();
        r.refresh();
      });
      forms.push(form);
    }
    return forms;
  };

  /* The changes of this browser that may be recorded: a change of someone else's entry only once confirmed. */
  Recorder.prototype.ready = function () {
    var c = this.c;
    var me = this.name();
    var out = { items: dict(), signoffs: dict(), approvals: this.changes.approvals, decision: this.changes.decision };
    var changes = this.changes;
    Object.keys(changes.items).forEach(function (id) {
      var ch = changes.items[id];
      if (!othersItem(c, id, ch.state, me) || ch.confirm) out.items[id] = ch;
    });
    Object.keys(changes.signoffs).forEach(function (id) {
      if (!othersSignoff(c, id, me) || changes.signoffs[id].confirm) out.signoffs[id] = changes.signoffs[id];
    });
    return out;
  };
  /* Drop changes once recorded live. */
  Recorder.prototype.forget = function (list) {
    var changes = this.changes;
    list.forEach(function (ch) {
      if (has(ch, "item")) delete changes.items[ch.item];
      else if (has(ch, "signoff")) delete changes.signoffs[ch.signoff];
      else if (has(ch, "approval")) delete changes.approvals[ch.approval];
      else changes.decision = null;
    });
    this.save();
    this.refresh();
  };

  Panel.prototype.changeRows = function () {
    var r = this.r;
    var c = r.c;
    var me = r.name();
    var rows = [];
    var changes = r.changes;
    function row(text, other, confirmed, drop, confirm) {
      var remove = el("button", { type: "button", "class": "md-button cl-change-drop", text: "Remove" });
      remove.addEventListener("click", function () { drop(); r.save(); r.refresh(); });
      var parts = [text];
      if (other) {
        parts.push(el("strong", { "class": "cl-change-other", text: " changes " + other + (confirmed ? " (confirmed)" : " — waits for your yes ") }));
        if (!confirmed) {
          var yes = el("button", { type: "button", "class": "md-button cl-change-confirm", text: "Change it" });
          yes.addEventListener("click", function () { confirm(); r.save(); r.refresh(); });
          parts.push(yes);
        }
      }
      parts.push(" ", remove);
      rows.push(el("li", {}, parts));
    }
    Object.keys(changes.items).sort().forEach(function (id) {
      var ch = changes.items[id];
      row(describe(c, itemChange(id, ch)), othersItem(c, id, ch.state, me), ch.confirm,
        function () { delete changes.items[id]; }, function () { ch.confirm = true; });
    });
    Object.keys(changes.signoffs).sort().forEach(function (id) {
      var ch = changes.signoffs[id];
      row(describe(c, { signoff: id, note: ch.note, with_open: ch.with_open, withdrawn: ch.withdrawn }), othersSignoff(c, id, me), ch.confirm,
        function () { delete changes.signoffs[id]; }, function () { ch.confirm = true; });
    });
    Object.keys(changes.approvals).sort().forEach(function (id) {
      row(describe(c, { approval: id, decision: changes.approvals[id].decision }), "", false, function () { delete changes.approvals[id]; });
    });
    if (changes.decision) row(describe(c, decisionChange(changes.decision)), "", false, function () { changes.decision = null; });
    return rows;
  };

  Panel.prototype.update = function () {
    var r = this.r;
    var rows = this.changeRows();
    this.count.textContent = rows.length;
    this.clear.disabled = !rows.length;
    fill(this.list, rows);
    fill(this.dropped, r.dropped.length ? [
      el("strong", { text: r.dropped.length + " stored change" + (r.dropped.length === 1 ? " was" : "s were") + " dropped: " }),
      "not valid for " + r.c.id + " as this site was built (written by another page or an older version, or made for another run?).",
      el("ul", {}, r.dropped.slice(0, 20).map(function (d) { return el("li", { text: d }); })),
    ] : []);
    if (r.live) {
      this.oldRow.hidden = !rows.length;
      return;
    }
    var list = changeList(r.ready());
    var problem = r.nameProblem() || r.addressProblem();
    var yaml, sh;
    if (!list.length) {
      yaml = sh = rows.length ? "# Every change here changes someone else's entry: confirm it above first." : "# Nothing recorded here yet.";
    } else if (problem) {
      yaml = sh = "# " + problem;
    } else {
      var now = new Date();
      yaml = entryYaml(r.c.id, r.name(), nowWithZone(now), list, r.c.after, r.c.alsoAfter);
      sh = commandLines(r.c.id, r.name(), list, r.changes);
      this.entryLink.setAttribute("download", utcStamp(now) + "-" + slug(r.name()) + "-" + r.suffix + ".yaml");
    }
    this.yaml.textContent = yaml;
    this.sh.textContent = sh;
    if (list.length && !problem) {
      this.entryLink.href = "data:application/x-yaml;charset=utf-8," + encodeURIComponent(yaml);
      this.entryLink.removeAttribute("aria-disabled");
    } else {
      this.entryLink.removeAttribute("href");
      this.entryLink.removeAttribute("download");
      this.entryLink.setAttribute("aria-disabled", "true");
    }
  };

  /* "Start over" clears this browser's changes of the checklist, with an undo until the next change. */
  Panel.prototype.startOver = function () {
    var r = this.r;
    var self = this;
    var kept = JSON.parse(JSON.stringify(r.changes));
    var n = this.count.textContent;
    r.changes = { items: dict(), signoffs: dict(), approvals: dict(), decision: null };
    r.save();
    r.refresh();
    var undo = el("button", { type: "button", "class": "md-button cl-undo", text: "Undo" });
    undo.addEventListener("click", function () {
      var back = checkStored(r.c, kept, null).changes;
      r.changes = back;
      r.save();
      fill(self.note, []);
      r.refresh();
    });
    fill(this.note, ["Cleared " + n + " change" + (n === "1" ? "" : "s") + " made here. ", undo]);
  };

  /* ---- the live meeting: the record's state pushed by the server (server-sent events) ---- */

  function Meeting(recorder) {
    this.r = recorder;
    this.version = null;
    this.busy = false;
    this.again = false;
    this.lost = ""; // why the numbers shown may be out of date ('' while connected)
    this.line = el("p", { "class": "cl-live", role: "status" }, ["Live meeting: connecting…"]);
  }
  var QUIET = 40000; // ms without a word from the server (it sends the version at least every 15 s): the connection stalled
  /* When the server was last heard, by the wall clock and by the page's own (performance.now, which never steps): a
     laptop whose clock is put right (NTP, on waking up) steps Date.now back, by ten minutes for a clock ten minutes fast,
     and a stream stalled meanwhile went unnoticed for that long, its numbers shown as live. Silent for as long as the
     longer of the two says (the wall's goes on while the laptop sleeps). */
  function heardNow() { return { wall: Date.now(), own: performance.now() }; }
  function silentFor(heard) { return Math.max(Date.now() - heard.wall, performance.now() - heard.own); }
  Meeting.prototype.start = function () {
    var self = this;
    this.connect();
    /* A connection can stall without an error (a laptop asleep, a network that dropped and came back): the browser
       says when it is back online, and a stream silent for longer than the server ever is gets opened again. */
    window.addEventListener("offline", function () { self.disconnected("this browser is offline: reconnecting when the network is back…"); });
    window.addEventListener("online", function () { self.connect(); });
    setInterval(function () {
      if (self.events && self.events.readyState !== 2 && silentFor(self.heard) > QUIET) {
        self.disconnected("no word from the meeting's server for " + QUIET / 1000 + " s: reconnecting…");
        self.connect();
      }
    }, 5000);
    this.update();
  };
  Meeting.prototype.connect = function () {
    var self = this;
    if (this.events) this.events.close();
    var events = this.events = new EventSource(this.r.live.api + "events");
    this.heard = heardNow();
    events.onmessage = function (event) {
      var seen;
      self.heard = heardNow();
      try { seen = JSON.parse(event.data).version; } catch (e) { seen = null; }
      if (seen === self.version || self.soon) return;
      self.soon = setTimeout(function () { self.soon = null; self.update(); }, 150); // a burst of recordings: one fetch
    };
    events.onerror = function () {  // offline, or the server stopped: the browser tries again each second; refused (CLOSED): it does not
      self.disconnected(events.readyState === 2
        ? "the meeting's server no longer takes this page (the meeting ended, or restarted with a new address): open the address it printed"
        : "reconnecting…");
    };
    events.onopen = function () { self.heard = heardNow(); self.lost = ""; self.line.classList.remove("cl-live--lost"); self.update(); }; // then what was missed
  };
  /* A response's JSON; a refusal (the token is wrong, the meeting has no such checklist) as an error in the server's
     words, its error and what to do, flagged ``refused``: the page says them, not "reconnecting…" for good. */
  function refusal(response) {
    if (response.ok) return response.json();
    return response.json().catch(function () { return {}; }).then(function (answer) {
      var error = new Error("the meeting refused this page: " + (answer.error || "status " + response.status) + (answer.hint ? " — " + answer.hint : ""));
      error.refused = true;
      throw error;
    });
  }
  /* The connection is lost: said in words on the live line (not by its colour alone), with the time of the numbers shown. */
  Meeting.prototype.disconnected = function (what) {
    if (!this.lost) this.lost = two(new Date().getHours()) + ":" + two(new Date().getMinutes());
    this.lostWhat = what;
    this.line.classList.add("cl-live--lost");
    this.show();
  };
  Meeting.prototype.update = function () {
    var self = this;
    if (this.busy) { this.again = true; return; }
    this.busy = true;
    fetch(this.r.live.api + "state?checklist=" + encodeURIComponent(this.r.c.id), { credentials: "same-origin", cache: "no-store" })
      .then(refusal)
      .then(function (state) {
        self.version = state.version;
        self.r.c.setRecorded(state.recorded);
        self.r.readiness = state.readiness;
        self.run = state.run && typeof state.run === "object" ? state.run : null;
        self.unseen = Array.isArray(state.unseen) ? state.unseen.filter(function (u) { return typeof u === "string"; }) : [];
        settle(self.r.c, self.r.changes, self.r.nameProblem() ? "" : self.r.name());
        self.r.refresh();
        self.r.resend(); // the meeting answers: what got no answer goes again
        return self.blockers(state.version);
      }).then(function (version) {
        document.documentElement.setAttribute("data-meeting-version", String(version));
      }, function (error) { self.disconnected(error && error.refused ? error.message : "reconnecting…"); })
      .then(function () {
        self.busy = false;
        if (self.again) { self.again = false; self.update(); }
      });
  };
  /* The readiness page: its list of blockers as of ``version`` (fetched apart: as long as the checklist, and no other page shows it). */
  Meeting.prototype.blockers = function (version) {
    var self = this;
    var article = this.r.article;
    if (!article.querySelector("ul.cl-blockers, .cl-blockers-none")) return version;
    return fetch(this.r.live.api + "blockers?checklist=" + encodeURIComponent(this.r.c.id), { credentials: "same-origin", cache: "no-store" })
      .then(refusal)
      .then(function (found) {
        self.listed = showBlockers(article, found.listed, self.listed);
        if (found.version !== version) self.again = true; // recorded meanwhile: the numbers of that version next
        return version;
      });
  };
  Meeting.prototype.show = function () {
    var x = this.r.readiness;
    var lost = this.lost ? el("strong", { "class": "cl-live-lost", text: "Not connected to the meeting since " + this.lost + ": " + this.lostWhat + " " }) : null;
    var waiting = this.waiting();
    if (!x) { if (lost || waiting.length) fill(this.line, [lost || ""].concat(waiting)); return; }
    var o = x.overall;
    var n = x.counts;
    var approvals = this.r.c.recorded.approvals;
    var known = this.r.c.roles; // the roles this page was built with (the state names a renamed role by its former id too)
    var goes = Object.keys(known).filter(function (k) { return has(approvals, k) && approvals[k][1] === "go"; }).length;
    var roles = Object.keys(known).length;
    var verdict = x.go ? "GO: nothing blocks the launch" : "NO-GO: " + x.blockers + " blocker" + (x.blockers === 1 ? "" : "s");
    fill(this.line, [
      lost || el("strong", { text: "Live: " }),
      lost ? "As of then: " : "",
      "Resolved " + n.resolved + " of " + n.total + " (" + n.percent + "%): done " + n.done + ", waived " + n.waived + ", n/a " + n["n/a"] +
        "; open " + n.open + ", critical open " + n.critical_open + " · sign-offs " + o.signed + " of " + o.signoffs +
        (roles ? " · approvals: go " + goes + " of " + roles : "") + " · " + verdict + " · decision: " + x.decision + runWords(this.run),
    ].concat(waiting).concat(this.unseen && this.unseen.length ? [el("span", { "class": "cl-live-unseen", text: " · recorded at once, each without the other's: " +
      this.unseen.map(embedded).join("; ") + " — look at both, then record what holds now" })] : []));
    showNumbers(this.r.article, x);
    showVerdict(this.r.article, x);
  };

  /* The live line's words for the recordings kept unsent: how many wait for this meeting, and, apart, those made for
     another run than the room's (kept through the end of that run's meeting: never recorded into this one), with a
     button that forgets them. */
  Meeting.prototype.waiting = function () {
    var r = this.r, room = r.roomRun();
    var plural = function (n) { return n + " recording" + (n === 1 ? "" : "s"); };
    var runs = dict(), here = 0;
    r.unsent.forEach(function (kept) {
      if (!room || r.sendable(kept)) here += 1;
      else runs[kept.run || "?"] = (runs[kept.run || "?"] || 0) + 1;
    });
    var out = here ? [" · " + plural(here) + " made here not sent yet (kept in this browser: sent once the meeting answers)"] : [];
    Object.keys(runs).sort().forEach(function (run) {
      var forget = el("button", { type: "button", "class": "cl-live-forget", text: "Forget " + (runs[run] === 1 ? "it" : "them") });
      forget.addEventListener("click", function () { r.forgetUnsent(run); });
      out.push(el("span", { "class": "cl-live-elsewhere", text: " · " + plural(runs[run]) + " made here for run " + run + " not sent: this meeting records into run " +
        room + " (kept in this browser for a meeting of run " + run + "; if " + (runs[run] === 1 ? "it holds" : "they hold") + " for run " + room + " too, record " +
        (runs[run] === 1 ? "it" : "them") + " again here) " }), forget);
    });
    return out;
  };

  /* Which run the live line's numbers are of (meeting.Room.shown): with a release's run and a hotfix's open at once the
     room records into one (meeting --run NAME), and the pages were built for the current one; who re-opened it, why. */
  function runWords(run) {
    if (!run || !run.named || typeof run.name !== "string") return "";
    var words = " · run " + run.name;
    if (typeof run.built === "string" && run.built !== run.name) words += " (these pages were built for run " + run.built + ": the ticks and numbers shown are run " + run.name + "'s)";
    if (typeof run.reopened === "string" && run.reopened) words += " (" + run.reopened + ")";
    if (typeof run.closed === "string" && run.closed) words += " (" + run.closed + ": nothing more is recorded into it; the next launch: run start NAME, then the meeting again)";
    return words;
  }

  /* The server's numbers for a part of the page: its data-live (and data-key) name them in the state's readiness. */
  function liveNumbers(x, where, key) {
    if (!x) return null;
    if (where === "overall" || where === "counts") return x[where];
    if (where === "verdict") return x;
    var found = where === "sections" ? x.sections : where === "later" ? x.later : null;
    return found && has(found, key) && found[key] && typeof found[key] === "object" ? found[key] : null;
  }

  /* Every number the built page shows of the record (templates: data-live on the part, data-n on each number, a
     <progress> its bar), set from the server's readiness: the same numbers as the live line, on every screen. */
  function showNumbers(article, x) {
    var parts = article.querySelectorAll("[data-live]");
    for (var i = 0; i < parts.length; i++) {
      var p = liveNumbers(x, parts[i].getAttribute("data-live"), parts[i].getAttribute("data-key"));
      if (!p) continue;
      var numbers = parts[i].querySelectorAll("[data-n]");
      for (var j = 0; j < numbers.length; j++) {
        var value = p[numbers[j].getAttribute("data-n")];
        if (typeof value === "number") numbers[j].textContent = String(value);
      }
      var bar = parts[i].querySelector("progress");
      if (bar && typeof p.total === "number" && typeof p.resolved === "number") {
        bar.setAttribute("max", String(p.total));
        bar.setAttribute("value", String(p.resolved));
        bar.textContent = p.percent + "%";
      }
    }
  }

  /* The readiness page's verdict, as readiness.md.jinja words it, for the server's GO / NO-GO and its blockers. */
  function showVerdict(article, x) {
    var verdict = article.querySelector(".cl-verdict");
    if (!verdict) return;
    var kind = "cl-verdict cl-verdict--" + (x.go ? "go" : "no-go");
    if (verdict.className === kind && (x.go || verdict.querySelector("[data-n]"))) {
      if (!x.go) verdict.querySelector("[data-n]").textContent = String(x.blockers);
      return;
    }
    verdict.className = kind;
    fill(verdict, x.go
      ? [el("strong", { text: "GO" }), ": every critical item before launch is done or waived with a reason and an approver, every group before launch is signed off and every approver said go."]
      : [el("strong", { text: "NO-GO" }), ": ", el("span", { "data-n": "blockers", text: String(x.blockers) }), " blocker(s), listed below."]);
  }

  /* The readiness page's list of blockers: the server's, each [text, link] (its words as text, never as HTML). */
  function showBlockers(article, listed, shown) {
    var list = article.querySelector("ul.cl-blockers");
    var none = article.querySelector(".cl-blockers-none");
    if (!Array.isArray(listed) || !(list || none)) return shown;
    var key = JSON.stringify(listed);
    if (key === shown) return shown;
    if (!list) {
      list = el("ul", { "class": "cl-blockers" });
      none.parentNode.insertBefore(list, none);
    }
    if (!none) {
      none = el("p", { "class": "cl-blockers-none", text: "None." });
      list.parentNode.insertBefore(none, list.nextSibling);
    }
    fill(list, listed.filter(function (b) { return Array.isArray(b) && typeof b[0] === "string" && typeof b[1] === "string"; }).map(function (b) {
      return el("li", {}, [el("a", { href: b[1], text: b[0] })]);
    }));
    list.hidden = !list.firstChild;
    none.hidden = !!list.firstChild;
    return key;
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

  /* Section pages (cl-tick) and the overview (cl-overview): ticking, progress, the Record panel, the meeting. */
  /* The checklist as the page was built for it: record-data.js in its folder (loaded once; works from file:// too). */
  function withRecordData(id, then) {
    var link = document.querySelector(".md-content a.cl-record-data[href]");
    var loaded = function () {
      var all = window.checklistSiteRecord;
      if (all && has(all, id) && all[id] && all[id].checklist === id) then(all[id]);
    };
    if (window.checklistSiteRecord && has(window.checklistSiteRecord, id)) return loaded();
    if (!link) return;
    var script = document.createElement("script");
    script.src = link.href;
    script.addEventListener("load", loaded);
    document.head.appendChild(script);
  }

  function setupRecorder(selector) {
    var marker = document.querySelector(".md-content " + selector + "[data-checklist]");
    if (marker) withRecordData(marker.getAttribute("data-checklist"), function (data) { startRecorder(marker, data); });
  }

  function startRecorder(marker, data) {
    var r = new Recorder(marker, data);
    var host = toolbarHost(r.article);
    if (r.live) {
      r.meeting = new Meeting(r);
      host.appendChild(r.meeting.line);
      r.takeUnsent(); // kept unsent before a reload: sent once the meeting answers
      window.addEventListener("storage", function (event) { // forgotten in another tab: gone from this one's line too, at once
        if (event.key === r.forgottenKey() && r.dropForgotten()) r.meeting.show();
      });
    }
    r.summary = el("p", { "class": "cl-page-progress" });
    host.appendChild(r.summary);
    r.setup();
    r.panel = new Panel(r, host);
    r.refresh();
    if (r.meeting) r.meeting.start();
    // The toolbar and the progress lines came after the browser's scroll to the #fragment: land again, heading in view.
    if (location.hash.length > 1) prepareLanding(true);
  }
  function setupTicking() { setupRecorder(".cl-tick"); }
  function setupOverview() {
    setupRecorder(".cl-overview");
    setupRecorder(".cl-readout"); // the readiness and final sign-off pages: the panel's approvals and Go/No-Go, the live line
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

  /* ---- commands break between their words only ----
     Code wraps (a block in its box, web.css; code in a line of text with it), and a browser breaks a line after any
     hyphen: "--" at the end of one line and "task-definition" at the start of the next reads as another command, an
     alarm's "realserv-prod-" and "service-down" as two names. Each run of characters between spaces becomes one span
     that web.css and checklist.css keep whole (a run longer than the line breaks at its edge). Only code whose elements
     are plain spans without children (Pygments' tokens) is regrouped, its text unchanged, so copying is too. */
  function keepWordsWhole() {
    var codes = document.querySelectorAll(".md-typeset code");
    for (var i = 0; i < codes.length; i++) {
      var code = codes[i];
      var kids = Array.prototype.slice.call(code.childNodes);
      var flat = kids.every(function (kid) { return kid.nodeType === 3 || (kid.nodeType === 1 && kid.tagName === "SPAN" && !kid.children.length && !kid.classList.contains("cl-word")); });
      if (!flat || !kids.length) continue;
      var out = document.createDocumentFragment();
      var word = null;
      kids.forEach(function (kid) {
        kid.textContent.split(/(\s+)/).forEach(function (part) {
          if (!part) return;
          var piece = kid.nodeType === 3 ? document.createTextNode(part) : kid.cloneNode(false);
          if (kid.nodeType === 1) piece.textContent = part;
          if (/^\s/.test(part)) {
            word = null;
            out.appendChild(piece);
            return;
          }
          if (!word) word = out.appendChild(el("span", { "class": "cl-word" }));
          word.appendChild(piece);
        });
      });
      code.textContent = "";
      code.appendChild(out);
    }
    for (var k = 0; k < codes.length; k++) rightToLeftRuns(codes[k]);
  }

  /* Each word kept whole is an inline block, to the bidirectional algorithm a neutral object laid out in the code's
     direction, left to right: the words of a Hebrew or Arabic text inside a command (a message, a name) stood left to
     right, `--message "השירות ירד"` read backwards by its readers (without scripts, and in a text editor, they stand right
     to left). A run of words written right to left (their first strong letter's direction), with the spaces and the
     neutral words (a dash, a number) between them, goes in one isolate of that direction, as the algorithm lays out a
     run of such letters: its words right to left, each kept whole as before. The text, and what is copied, is unchanged. */
  var RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
  var LTR_LETTER = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u3040-\u30FF\u4E00-\u9FFF\uAC00-\uD7AF]/;
  function wordDirection(text) {
    for (var i = 0; i < text.length; i++) {
      if (RTL_LETTER.test(text[i])) return "rtl";
      if (LTR_LETTER.test(text[i])) return "ltr";
    }
    return "";
  }
  function rightToLeftRuns(code) {
    if (!RTL_LETTER.test(code.textContent) || !code.querySelector(":scope > .cl-word")) return;
    var kids = Array.prototype.slice.call(code.childNodes), run = [], pending = [];
    var close = function () {
      if (run.length > 1 || (run.length && run[0].nodeType === 1)) {
        var isolate = el("span", { "class": "cl-rtl", dir: "rtl" });
        code.insertBefore(isolate, run[0]);
        run.forEach(function (node) { isolate.appendChild(node); });
      }
      run = [];
      pending = [];
    };
    kids.forEach(function (kid) {
      var word = kid.nodeType === 1 && kid.classList.contains("cl-word");
      var direction = word ? wordDirection(kid.textContent) : "";
      if (direction === "rtl") {
        run = run.concat(pending, [kid]);
        pending = [];
      } else if (direction === "ltr") {
        close();
      } else if (run.length) {
        pending.push(kid); // a space or a neutral word: in the run if another right-to-left word follows
      }
    });
    close();
  }

  /* ---- the values to fill in, marked in the commands ----
     A runbook or rollback page lists under "Set first" the variables its commands use (dl.cl-variables, each line's
     <dt> holding $NAME). In its commands, each of those (Pygments' Name.Variable token: $NAME, or NAME in ${NAME}) is
     marked (web.css) and says where it is explained; $1, $? and names the page does not list stay as Pygments drew them.
     Only a class and a title: the command's text, and so what its copy button copies, is unchanged. */
  function markVariables() {
    var names = dict();
    var terms = document.querySelectorAll(".md-typeset dl.cl-variables > dt[id] > code");
    for (var i = 0; i < terms.length; i++) names[terms[i].textContent.replace(/^\$/, "")] = true;
    var tokens = document.querySelectorAll(".md-typeset .cl-command pre > code .nv");
    for (var j = 0; j < tokens.length; j++) {
      var name = tokens[j].textContent.replace(/^\$/, "");
      if (!has(names, name)) continue;
      tokens[j].classList.add("cl-var");
      tokens[j].title = "Set $" + name + " first: see Set first";
    }
  }

  /* ---- commands in a sentence, copied by one tap ----
     On a page with commands (a runbook, the rollback procedure) a command may stand inside a sentence: how to find a
     variable's value ("… or `aws elbv2 describe-target-groups --query …`"), a step's words. Material gives blocks of
     code a copy button, not code in a line of text. Each such code of more than one word gets one: an inline element
     (a button may start a line of its own, the ⋯ above) at the end of the code's last word, whose box (keepWordsWhole)
     goes to the next line whole, the button with it; else glued to the code by a no-break space. Material's clipboard
     copies it (data-clipboard-text: the code's text exactly) and says "Copied to clipboard". */
  function copyInlineCommands() {
    if (!document.querySelector(".md-typeset .cl-command")) return;
    var codes = document.querySelectorAll("article.md-typeset :not(pre) > code");
    for (var i = 0; i < codes.length; i++) {
      var code = codes[i];
      var text = code.textContent.trim();
      if (!/\s/.test(text) || code.closest("a, h1, h2, h3, .cl-meta, .cl-variables dt")) continue;
      var copy = el("span", { role: "button", tabindex: "0", "class": "cl-copy-inline", title: "Copy to clipboard", "aria-label": "Copy " + text, "data-clipboard-text": text });
      copy.addEventListener("keydown", pressed);
      var word = code.lastElementChild, after = "";
      for (var next = word && word.nextSibling; next; next = next.nextSibling) after += next.textContent;
      if (word && word.classList.contains("cl-word") && !/\S/.test(after)) {
        word.appendChild(copy);
        continue;
      }
      code.parentNode.insertBefore(copy, code.nextSibling);
      code.parentNode.insertBefore(document.createTextNode("\u00a0"), copy);
    }
  }

  /* ---- a copy button copies, or says it did not ----
     Material's copy buttons (a code block's, and a command's in a sentence: data-clipboard-target, data-clipboard-text)
     copy through clipboard.js, which says "Copied to clipboard" whatever the browser answered. The alarm's link opened
     from a phone's notification opens in the chat or mail app's own browser (a WebView), often without the Clipboard API
     and with copying refused: the engineer read "Copied", pasted nothing, and had nothing selected to copy by hand. A tap
     on a copy button of the page is taken here before clipboard.js: the text goes to the Clipboard API, else is copied
     from a hidden field; where neither copies, the command is selected on the page (press and hold it to copy) and the
     message says so. What is copied is the command as the page shows it, its tabs and spaces kept, without the line end
     the code block adds (clipboard.js cut every blank at its end). The message is a live region: a screen reader says it. */
  function copyText(text, shown, done) {
    var byHand = function () {
      var copied = false;
      var field = el("textarea", { "aria-hidden": "true", readonly: "" });
      field.value = text;
      field.style.cssText = "position:fixed;top:0;left:-9999px;opacity:0";
      document.body.appendChild(field);
      field.select();
      try { copied = document.execCommand("copy") === true; } catch (e) { copied = false; }
      field.remove();
      var sel = window.getSelection();
      sel.removeAllRanges();
      if (!copied && shown) {
        var range = document.createRange();
        range.selectNodeContents(shown);
        sel.addRange(range);
      }
      done(copied);
    };
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, byHand);
    } else {
      byHand();
    }
  }

  function say(message, long) {
    var dialog = document.querySelector(".md-dialog");
    var inner = dialog && dialog.querySelector(".md-dialog__inner");
    if (!inner) return;
    inner.textContent = message;
    dialog.classList.add("md-dialog--active");
    clearTimeout(say.timer);
    say.timer = setTimeout(function () { dialog.classList.remove("md-dialog--active"); }, long ? 6000 : 2000);
  }

  /* The command a copy button copies: its own block's code, or the code in a sentence it ends. Never looked up by the
     id Material gives a block: a block's id is its nearest ancestor's with one ("__code_" + the item's id), so every code
     block of one item's details shared the first's, and each of their buttons copied the first block. */
  function commandOf(button) {
    var pre = button.closest("pre");
    if (pre) return pre.querySelector(":scope > code");
    var code = button.closest("code") || button.previousElementSibling;
    return code && code.tagName === "CODE" ? code : null;
  }

  function copyTruly() {
    var inner = document.querySelector(".md-dialog__inner");
    if (inner) { inner.setAttribute("role", "status"); inner.setAttribute("aria-live", "polite"); }
    document.addEventListener("click", function (event) {
      var button = event.target instanceof Element ? event.target.closest("[data-clipboard-target], [data-clipboard-text]") : null;
      if (!button || !button.closest("article")) return;
      var shown = commandOf(button);
      if (!shown) return;
      event.stopPropagation();
      var text = button.getAttribute("data-clipboard-text");
      if (text === null) {
        shown.setAttribute("data-md-copying", ""); // as Material: what it hides while copying (annotations) is left out
        var copy = shown.closest("[data-copy]");
        text = copy ? copy.getAttribute("data-copy") : shown.innerText.replace(/\n$/, "");
        shown.removeAttribute("data-md-copying");
      }
      copyText(text, shown, function (copied) {
        if (copied) say("Copied to clipboard");
        else say("Not copied: this browser does not let pages copy. The command is selected: press and hold it, then Copy.", true);
        button.focus();
      });
    }, true);
  }

  /* Material's copy button of a code block is named by its title, "Copy to clipboard", every one alike, each in a
     navigation landmark of its own: a screen reader listed a dozen unnamed navigations and could not tell which command a
     button copies. Each is named by its command's first line, and its frame is no landmark. A block's id is made its own. */
  function nameCopyButtons() {
    var buttons = document.querySelectorAll("article [data-clipboard-target][data-md-type=copy]");
    var ids = {};
    for (var i = 0; i < buttons.length; i++) {
      var code = commandOf(buttons[i]);
      var pre = code && code.parentElement;
      if (pre && pre.id) { // one id a block (the second of an item's was the first's again)
        if (ids[pre.id]) pre.id += "_" + ids[pre.id]++;
        else ids[pre.id] = 1;
        buttons[i].setAttribute("data-clipboard-target", "#" + CSS.escape(pre.id) + " > code");
      }
      var first = code ? code.textContent.split("\n")[0].trim() : "";
      if (first) buttons[i].setAttribute("aria-label", "Copy " + (first.length > 80 ? first.slice(0, 79) + "…" : first));
      var nav = buttons[i].closest("nav.md-code__nav");
      if (nav) nav.setAttribute("role", "none");
    }
  }

  /* ---- code in a sentence keeps the "(" that opens it ----
     A code's words are inline blocks (keepWordsWhole; escape.code_words for the data's code), and a line may break
     before an inline block even after "(": the "(" was left at the end of a line and its command began the next. The
     opening punctuation touching a code in a line of text goes with it into a span.cl-glued, which web.css does not break
     there (the code inside still breaks between its words). Code the generator glued already (escape.md) is skipped. */
  var GLUED_BEFORE = /(^|\s)([("'\u2018\u201c\u00ab\u00bf\u00a1]+)$/;
  function gluePunctuation() {
    var codes = document.querySelectorAll(".md-typeset :not(pre) > code");
    for (var i = 0; i < codes.length; i++) {
      var code = codes[i];
      if (!code.querySelector(".cl-word") || code.parentElement.classList.contains("cl-glued")) continue;
      var before = code.previousSibling;
      var open = before && before.nodeType === 3 && GLUED_BEFORE.exec(before.nodeValue);
      if (!open) continue;
      var glue = el("span", { "class": "cl-glued" });
      code.parentNode.insertBefore(glue, code);
      before.nodeValue = before.nodeValue.slice(0, before.nodeValue.length - open[2].length);
      glue.appendChild(document.createTextNode(open[2]));
      glue.appendChild(code);
    }
  }

  /* ---- tables on phones: each cell carries its column's heading, shown when rows stack ---- */

  function labelCells() {
    var tables = document.querySelectorAll(".md-typeset table:not([class]), .md-typeset table.cl-counts-table");
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

  /* The drawer's button in the header (phones, tablets, a window zoomed in) is a label Tab never reached: with the closed
     drawer out of the tab order (web.css), a keyboard could not open the navigation. It is a button: Enter or Space
     opens the drawer, and focus leaving the drawer closes it (it covered the page focus went on to). */
  function drawerByKeyboard() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector(".md-header label[for='__drawer']");
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !button || !drawer) return;
    button.setAttribute("tabindex", "0");
    button.setAttribute("role", "button");
    button.setAttribute("aria-label", "Navigation");
    var expanded = function () { button.setAttribute("aria-expanded", String(toggle.checked)); };
    expanded();
    toggle.addEventListener("change", expanded);
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation(); // Material's Enter on a label clicks it too: once
      toggle.checked = !toggle.checked;
      expanded();
      if (toggle.checked) {
        var slid = function (event) {
          if (event && (event.target !== drawer || event.propertyName !== "transform")) return;
          drawer.removeEventListener("transitionend", slid);
          if (drawer.contains(document.activeElement)) return;
          var links = drawer.querySelectorAll("a[href], label[tabindex]"); // its first link in sight: a level it shows covers those above
          for (var i = 0; i < links.length; i++) {
            var r = links[i].getBoundingClientRect();
            var at = r.width && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            if (at && links[i].contains(at)) { links[i].focus(); break; }
          }
        };
        drawer.addEventListener("transitionend", slid);
        setTimeout(slid, 1000);
      }
    });
    drawer.addEventListener("focusout", function (event) {
      var to = event.relatedTarget;
      if (toggle.checked && to instanceof Element && !drawer.contains(to) && to !== button) {
        toggle.checked = false;
        expanded();
      }
    });
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

  /* ---- a runbook's review date, judged on the reader's day: a site built before it fell due still says "stale" ---- */

  function markStale() {
    var line = document.querySelector(".md-typeset .cl-freshness[data-due]:not(.cl-freshness--stale)");
    var due = line && line.getAttribute("data-due");
    if (!due) return;
    var now = new Date();
    var today = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
    if (today <= due) return;
    var days = Math.round((Date.parse(today) - Date.parse(due)) / 86400000);
    var word = document.createElement("strong");
    word.textContent = "Stale:";
    line.classList.add("cl-freshness--stale");
    line.insertBefore(document.createTextNode(" Review past due by " + days + (days === 1 ? " day" : " days") + " (due " + due + "; said by this page on " + today + "). "), line.firstChild);
    line.insertBefore(word, line.firstChild);
  }

  /* ---- the command to run first stays on a phone's first screen ----
     Above the Run first box stand the page's title, its meta line (severity, owner, alarm name) and the step's words:
     each may be as long as the data lets it (a title of 500 characters, an alarm name of 90 letters, a step naming
     five commands), and together they pushed the command below a phone's first screen. On a phone (web.css) each is
     cut to a few lines ending in '…' (cl-clamp); a tap on one shows it whole again (cl-whole), and another cuts it.
     Links and copy buttons in them work as before. Without this script nothing is cut. */
  function clampAboveCommand() {
    var start = document.querySelector(".md-typeset .cl-start");
    if (!start) return;
    var parts = [start.querySelector(".cl-start-step")];
    for (var n = start.previousElementSibling; n; n = n.previousElementSibling) {
      if (n.tagName === "H1" || n.classList.contains("cl-meta")) parts.push(n);
    }
    parts.forEach(function (part) {
      if (!part) return;
      part.classList.add("cl-clamp");
      part.addEventListener("click", function (event) {
        if (event.target.closest("a, button, [role=button], input, label")) return;
        var cut = part.scrollHeight > part.clientHeight + 1;
        if (cut || part.classList.contains("cl-whole")) part.classList.toggle("cl-whole");
      });
    });
  }

  /* ---- the runbooks read stay readable offline ----
     On a page with commands to run (a runbook, the rollback procedure), checklist-sw.js at the site's root keeps a copy
     of the page and of what it loads, and shows it only when the site cannot be reached (a reload in a basement, a tab
     the phone's browser discarded while the terminal was open); online, the site's page always. Its scope is the
     page's own folder: no other page goes through it. Nothing from file://, over plain http from another host, or in
     a browser without service workers. */
  function keepRunbookRead() {
    if (!SITE_ROOT || !/^https?:/.test(SITE_ROOT) || !window.isSecureContext || !("serviceWorker" in navigator)) return;
    if (!document.querySelector(".md-typeset .cl-command")) return;
    var scope = location.href.split("#")[0].split("?")[0].replace(/[^/]*$/, "");
    if (scope.indexOf(SITE_ROOT) !== 0) return;
    var cameThrough = !!navigator.serviceWorker.controller; // before the worker claims the page
    navigator.serviceWorker.register(SITE_ROOT + "checklist-sw.js", { scope: scope }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      if (!registration.active) return;
      var files = [];
      performance.getEntriesByType("resource").forEach(function (e) {
        if (/^(script|link|img|css)$/.test(e.initiatorType) && e.name.indexOf(SITE_ROOT) === 0) files.push(e.name);
      });
      // What this page uses (the worker evicts the files no page kept uses); the page and its files kept from the
      // network now unless this page came through the worker (kept already).
      registration.active.postMessage({ page: location.href.split("#")[0], files: files, keep: !cameThrough });
    }).catch(function () {});
  }

  function start() {
    markStale();
    clampAboveCommand();
    keepRunbookRead();
    keepWordsWhole();
    markVariables();
    copyInlineCommands();
    copyTruly();
    drawerByKeyboard();
    gluePunctuation();
    nameBoxes();
    setupTicking();
    setupOverview();
    labelCells();
    prepareLanding(false); // before the browser scrolls to the #fragment: the script runs as the page ends
    window.addEventListener("load", function () { prepareLanding(false); focusableScrollers(); nameCopyButtons(); });
    document.addEventListener("DOMContentLoaded", function () { setTimeout(focusableScrollers, 0); });
    window.addEventListener("hashchange", function () { prepareLanding(true); });
  }

  /* The script sits at the end of <body>: the content is there, the browser has not yet scrolled. */
  if (document.querySelector(".md-content")) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
