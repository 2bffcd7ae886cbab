  // The report's data, helpers, header and filters; the page runs core, timeline, map, table and
  // start in this order inside one function (view/page.py), so they share these names.

  const SVGNS = "http://www.w3.org/2000/svg";
  const DAY = 86400000;
  const PAGE = 100;
  const TYPE_ORDER = ["troop_deployment", "military_exercise", "meeting", "statement", "request", "agreement",
    "aid", "attack", "sanction", "threat", "accusation", "rejection", "protest", "concession", "investigation"];
  const COLOURS = ["#4e79a7", "#f28e2b", "#59a14f", "#9c755f", "#76b7b2", "#edc948", "#b07aa1", "#e15759",
    "#5f4b8b", "#ff9da7", "#bab0ac", "#499894", "#d37295", "#86bcb6", "#8cd17d", "#a0cbe8"];
  const SHAPE_OF_PRECISION = { exact: "point", city: "point", admin2: "ring", admin1: "ring",
    region: "area", country: "area" };

  const data = JSON.parse(document.getElementById("eb-data").textContent);
  const meta = data.meta;
  const docs = rows(data.docs);
  const claims = rows(data.claims);
  const events = rows(data.events);

  // ------------------------------------------------------------------ small helpers

  function column(encoded) {  // the three forms payload.encode_columns writes
    if (Array.isArray(encoded)) return encoded;
    if ("c" in encoded) return new Array(encoded.n).fill(encoded.c);
    return encoded.i.map((i) => encoded.d[i]);
  }

  function rows(encoded) {
    const keys = Object.keys(encoded);
    const columns = keys.map((key) => column(encoded[key]));
    const n = keys.length ? columns[0].length : 0;
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const row = {};
      keys.forEach(function (key, k) { row[key] = columns[k][i]; });
      out[i] = row;
    }
    return out;
  }

  function setAttrs(node, attrs) {
    for (const name in attrs || {}) {
      const value = attrs[name];
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = String(value);
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
  }

  function add(node, ...children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) add(node, ...child);
      else node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    return add(node, children);
  }

  function s(tag, attrs, ...children) {
    const node = document.createElementNS(SVGNS, tag);
    setAttrs(node, attrs);
    return add(node, children);
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function byId(id) { return document.getElementById(id); }

  function dayOf(iso) {
    if (!iso) return null;
    const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
    return Date.UTC(y, m - 1, d) / DAY;
  }

  function isoOf(day) { return new Date(Math.round(day) * DAY).toISOString().slice(0, 10); }

  function number(value) {
    if (value === null || value === undefined) return "";
    const [whole, fraction] = String(Math.round(value * 100) / 100).split(".");
    return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (fraction ? "." + fraction : "");
  }

  function hash(text) {  // FNV-1a: a stable per-event vertical offset in the timeline
    let value = 2166136261;
    for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 16777619);
    return (value >>> 0) / 4294967296;
  }

  function extent(values) {  // [min, max] without spreading arguments (a long list overflows the stack)
    let lo = Infinity, hi = -Infinity;
    for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; }
    return [lo, hi];
  }

  function label(type) { return String(type).replace(/_/g, " "); }

  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }

  function onFrame(fn) {  // run fn at most once per animation frame
    let pending = false;
    return function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; fn(); });
    };
  }

  // ------------------------------------------------------------------ the data, prepared

  const typesPresent = TYPE_ORDER.filter((t) => events.some((e) => e.type === t))
    .concat([...new Set(events.map((e) => e.type))].filter((t) => TYPE_ORDER.indexOf(t) < 0).sort());
  const colour = {};
  TYPE_ORDER.forEach((t, i) => { colour[t] = COLOURS[i]; });
  typesPresent.forEach((t) => { if (!colour[t]) colour[t] = COLOURS[COLOURS.length - 1]; });

  events.forEach(function (e, i) {
    e.i = i;
    e.t0 = dayOf(e.start);
    e.t1 = e.end ? dayOf(e.end) : e.t0;
    e.hasPlace = e.lat !== null && e.lon !== null;
    e.text = e.summary !== null ? e.summary : (e.rep !== null ? claims[e.rep].ev : "");
    e.jitter = hash(e.id) - 0.5;
    const sources = e.claims.map((c) => docs[claims[c].doc].source || "");
    e.search = [label(e.type), e.a1, e.a2, (e.parts || []).join(" "), e.place, e.pc, e.qunit, e.text,
      sources.join(" "), e.id].filter(Boolean).join(" ").toLowerCase();
  });
  const irrelevantCount = events.filter((e) => e.rel === false).length;

  const state = { off: new Set(), status: "", q: "", disagree: false, irrelevant: false, from: null, to: null,
    pick: null, selected: null, sortKey: "date", sortDir: 1, page: 0 };

  function passes(e) {  // every filter except the date range
    if (state.off.has(e.type)) return false;
    if (!state.irrelevant && e.rel === false) return false;
    if (state.status && e.status !== state.status) return false;
    if (state.disagree && !(e.dis && e.dis.length)) return false;
    if (state.pick && !state.pick.ids.has(e.i)) return false;
    if (state.q && e.search.indexOf(state.q) < 0) return false;
    return true;
  }

  function inRange(e) {
    if (state.from === null && state.to === null) return true;
    if (e.t0 === null) return false;
    return (state.from === null || e.t1 >= state.from) && (state.to === null || e.t0 <= state.to);
  }

  let passing = [];  // events passing the filters (the timeline shows the dated ones)
  let shown = [];  // ... and inside the date range (the map and the table show these)

  function recompute() {
    passing = events.filter(passes);
    shown = passing.filter(inRange);
  }

  // ------------------------------------------------------------------ header and credits

  function renderHeader() {
    byId("h-version").textContent = meta.version || "";
    const c = meta.counts || {};
    const facts = [
      ["parent", meta.parent || "none"], ["built", meta.created_at], ["eventbuilder", meta.eventbuilder_version],
      ["model", meta.nlp_model], ["raw", meta.raw],
      ["inputs", meta.input_files + " files, " + number(Math.round(meta.input_bytes / 1024)) + " KB"],
      ["input records", c.input_records], ["documents", c.documents], ["rejects", c.rejects],
      ["claims", c.claims], ["events", meta.events_total + (meta.events_source === "provisional" ? " (provisional)" : "")],
    ];
    add(clear(byId("h-facts")), facts.filter((f) => f[1] !== undefined && f[1] !== null)
      .map((f) => h("div", null, h("dt", { text: f[0] }), h("dd", { text: f[1] }))));
    const box = clear(byId("h-rejects"));
    if (meta.rejects_by_reason.length) {
      const summary = "rejects by reason: " + meta.rejects_by_reason.map((r) => r[0] + " " + r[1]).join(", ");
      add(box, h("details", null, h("summary", { text: summary }), h("table", null, meta.rejects.map((r) =>
        h("tr", null, h("td", { text: r.source_path + (r.line ? "#" + r.line : "") }), h("td", { text: r.reason }),
          h("td", { text: r.message }))))));
    } else {
      add(box, h("span", { text: "no rejects: every input record became a document" }));
    }
    const notes = [];
    if (meta.events_source === "provisional") {
      notes.push("This version has no events table (it was built before claims were linked into events): " +
        "each claim is shown as its own event.");
    }
    if (meta.events_missing_columns.length) {
      notes.push("The events table has no column " + meta.events_missing_columns.join(", ") + ": shown empty.");
    }
    if (meta.events_shown < meta.events_total) {
      notes.push("Showing the " + number(meta.events_shown) + " most-reported events of " + number(meta.events_total) + ".");
    }
    byId("h-note").textContent = notes.join(" ");
    add(clear(byId("credits")), meta.credits.filter(Boolean).map((t) => h("p", { text: t })),
      h("p", { text: "Report generated by eventbuilder " + (meta.eventbuilder_version || "") + " from version " +
        (meta.version || "") + "; every value comes from that version's tables." }));
  }

  // ------------------------------------------------------------------ filters

  function renderControls() {
    const chips = clear(byId("type-chips"));
    typesPresent.forEach(function (t) {
      const n = events.filter((e) => e.type === t).length;
      add(chips, h("button", { type: "button", class: "type-chip", "data-type": t, "aria-pressed": "true",
        title: "show or hide " + label(t) + " events",
        onclick: function () { toggleType(t, this); } },
        s("svg", { width: 10, height: 10, class: "swatch" }, s("circle", { cx: 5, cy: 5, r: 5, fill: colour[t] })),
        label(t) + " (" + n + ")"));
    });
    add(chips, h("button", { type: "button", class: "type-chip", id: "types-all", text: "all",
      onclick: function () { setTypes(false); } }),
      h("button", { type: "button", class: "type-chip", id: "types-none", text: "none",
        onclick: function () { setTypes(true); } }));
    const statuses = [...new Set(events.map((e) => e.status))].sort();
    add(byId("status"), statuses.map((v) => h("option", { value: v, text: v })));
    byId("status").addEventListener("change", function () { state.status = this.value; changed(); });
    byId("q").addEventListener("input", function () { state.q = this.value.trim().toLowerCase(); changed(); });
    byId("disagree").addEventListener("change", function () { state.disagree = this.checked; changed(); });
    byId("irrelevant-text").textContent = irrelevantCount
      ? "include " + irrelevantCount + " events marked not relevant" : "no events marked not relevant";
    byId("irrelevant").disabled = !irrelevantCount;
    byId("irrelevant").addEventListener("change", function () { state.irrelevant = this.checked; changed(); });
    byId("from").addEventListener("change", dateInputs);
    byId("to").addEventListener("change", dateInputs);
    byId("reset").addEventListener("click", resetAll);
  }

  function toggleType(type, button) {
    if (state.off.has(type)) state.off.delete(type); else state.off.add(type);
    button.setAttribute("aria-pressed", state.off.has(type) ? "false" : "true");
    changed();
  }

  function setTypes(off) {
    state.off = new Set(off ? typesPresent : []);
    document.querySelectorAll(".type-chip[data-type]").forEach((b) => b.setAttribute("aria-pressed", off ? "false" : "true"));
    changed();
  }

  function dateInputs() {
    const from = dayOf(byId("from").value), to = dayOf(byId("to").value);
    state.from = from;
    state.to = to;
    timeline.setDomain(from !== null ? from : timeline.full[0], to !== null ? to + 1 : timeline.full[1], false);
    rangeChanged();
  }

  function setPick(pick) {
    state.pick = pick;
    const box = clear(byId("pick"));
    if (pick) {
      add(box, h("span", { class: "pick-chip" }, "at " + pick.label + " (" + pick.ids.size + ")",
        h("button", { type: "button", title: "clear", text: "\u00d7", onclick: function () { setPick(null); } })));
    }
    changed();
  }

  function resetAll() {
    state.off = new Set();
    state.status = state.q = "";
    state.disagree = state.irrelevant = false;
    state.from = state.to = null;
    state.pick = null;
    clear(byId("pick"));
    byId("q").value = byId("status").value = byId("from").value = byId("to").value = "";
    byId("disagree").checked = byId("irrelevant").checked = false;
    document.querySelectorAll(".type-chip[data-type]").forEach((b) => b.setAttribute("aria-pressed", "true"));
    timeline.setDomain(timeline.full[0], timeline.full[1], false);
    changed();
    map.fit();
  }

  function changed() {  // a filter changed: every view redraws
    state.page = 0;
    recompute();
    timeline.render();
    map.render();
    table.render();
    renderCount();
  }

  function rangeChanged() {  // only the date range changed: the timeline is already drawn
    state.page = 0;
    shown = passing.filter(inRange);
    map.render();
    table.render();
    renderCount();
  }

  function renderCount() {
    const dated = passing.filter((e) => e.t0 !== null).length;
    const placed = shown.filter((e) => e.hasPlace).length;
    byId("count").textContent = "showing " + shown.length + " of " + events.length + " events (" + dated +
      " on the timeline, " + placed + " on the map)";
  }
