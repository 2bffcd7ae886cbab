  // ------------------------------------------------------------------ table

  const table = (function () {
    const t = {};
    const columns = [
      { key: "date", label: "date", sort: (e) => (e.t0 === null ? Infinity : e.t0), cls: "date", cell: (e) => dateText(e) },
      { key: "type", label: "type", sort: (e) => e.type, cell: (e) => [
        s("svg", { width: 9, height: 9 }, s("circle", { cx: 4.5, cy: 4.5, r: 4.5, fill: colour[e.type] })), " ",
        label(e.type), e.status !== "happened" ? h("span", { class: "flag muted", text: e.status }) : null] },
      { key: "actors", label: "actors", sort: (e) => actorsText(e).toLowerCase(), cell: (e) => actorsText(e) },
      { key: "place", label: "place", sort: (e) => (e.place || "\uffff").toLowerCase(), cell: (e) => e.place
        ? [e.place, " ", h("span", { class: "prec", text: e.prec })] : "" },
      { key: "qty", label: "quantity", cls: "num", sort: (e) => (e.qv === null ? -Infinity : e.qv), cell: quantityText },
      { key: "ns", label: "sources", cls: "num", sort: (e) => e.ns, cell: (e) => String(e.ns) },
      { key: "flags", label: "disagreements", sort: (e) => (e.dis || []).length, cell: (e) =>
        [(e.dis || []).map((d) => h("span", { class: "flag", text: d })),
          e.rel === false ? h("span", { class: "flag muted", text: "not relevant" }) : null] },
      { key: "text", label: "report", cls: "summary", sort: (e) => e.text.toLowerCase(), cell: (e) =>
        (e.text.length > 160 ? e.text.slice(0, 157) + "..." : e.text) },
    ];

    t.build = function () {
      const head = byId("events-table").tHead.rows[0];
      columns.forEach(function (c) {
        add(head, h("th", { scope: "col", "data-key": c.key, text: c.label, title: "sort by " + c.label,
          "aria-sort": c.key === state.sortKey ? "ascending" : null,
          onclick: function () { sortBy(c.key); } }));
      });
    };

    function sortBy(key) {
      state.sortDir = state.sortKey === key ? -state.sortDir : 1;
      state.sortKey = key;
      for (const th of byId("events-table").tHead.rows[0].cells) {
        if (th.dataset.key === key) th.setAttribute("aria-sort", state.sortDir > 0 ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
      }
      state.page = 0;
      t.render();
    }

    function sorted() {
      const column = columns.find((c) => c.key === state.sortKey);
      return shown.slice().sort(function (a, b) {
        const ka = column.sort(a), kb = column.sort(b);
        return (ka < kb ? -1 : ka > kb ? 1 : a.i - b.i) * (ka === kb ? 1 : state.sortDir);
      });
    }

    t.render = function () {
      const body = clear(byId("events-table").tBodies[0]);
      const list = sorted(), pages = Math.max(1, Math.ceil(list.length / PAGE));
      state.page = Math.min(state.page, pages - 1);
      for (const e of list.slice(state.page * PAGE, (state.page + 1) * PAGE)) {
        add(body, h("tr", { "data-event": e.id, class: state.selected === e.i ? "sel" : null,
          onclick: function () { select(e.i); byId("detail").scrollIntoView({ block: "nearest" }); } },
          columns.map((c) => h("td", { class: c.cls || null }, c.cell(e)))));
      }
      if (!list.length) add(body, h("tr", null, h("td", { colspan: columns.length, text: "no events match the filters" })));
      const pager = clear(byId("pager"));
      if (pages > 1) {
        add(pager, h("button", { type: "button", text: "\u2039 previous", disabled: state.page === 0,
          onclick: function () { state.page -= 1; t.render(); } }),
        h("span", { text: "page " + (state.page + 1) + " of " + pages + " (" + list.length + " events)" }),
        h("button", { type: "button", text: "next \u203a", disabled: state.page >= pages - 1,
          onclick: function () { state.page += 1; t.render(); } }));
      }
    };

    t.markSelected = function () {
      for (const row of byId("events-table").tBodies[0].rows) {
        row.classList.toggle("sel", row.dataset.event === (state.selected === null ? null : events[state.selected].id));
      }
    };
    return t;
  })();

  function quantityText(e) {
    if (e.qv === null && e.qmin === null) return "";
    const range = e.qmin !== null && e.qmax !== null && e.qmin !== e.qmax ? " (" + number(e.qmin) + "\u2013" + number(e.qmax) + ")" : "";
    return (e.qv !== null ? number(e.qv) : "") + range + (e.qunit ? " " + e.qunit : "");
  }

  // ------------------------------------------------------------------ an event and its reports

  function select(i) {
    state.selected = i;
    timeline.markSelected();
    map.markSelected();
    table.markSelected();
    renderDetail(events[i]);
  }

  function dl(pairs) {
    return h("dl", null, pairs.filter((p) => p[1] !== null && p[1] !== undefined && p[1] !== "" &&
      !(Array.isArray(p[1]) && !p[1].length))
      .map((p) => [h("dt", { text: p[0] }), h("dd", { class: p[2] || null }, p[1])]));
  }

  function renderDetail(e) {
    const body = clear(byId("detail-body"));
    const dis = new Set(e.dis || []);
    const when = dateText(e) + (e.gran && e.t0 !== null ? " (" + e.gran + ")" : "");
    const reported = e.rmin && (e.rmin !== e.start || e.rmax !== e.end) ? e.rmin + " \u2013 " + e.rmax : null;
    add(body, h("div", { class: "event-head" },
      h("div", { class: "event-title" }, label(e.type), " \u00b7 ", e.status, e.announced ? " (announced first)" : ""),
      dl([
        ["when", when, dis.has("date") ? "disagree" : null],
        ["dates reported", reported],
        ["actors", [e.a1 ? e.a1 + (e.a1c ? " (" + e.a1c + ")" : "") : "", e.a2 ? " \u2192 " + e.a2 + (e.a2c ? " (" + e.a2c + ")" : "") : ""].join(""),
          dis.has("actor") ? "disagree" : null],
        ["participants", (e.parts || []).join(", ")],
        ["place", e.place ? e.place + (e.pc ? ", " + e.pc : "") + " \u00b7 precision " + e.prec +
          (e.centroid ? " (centroid of an area)" : "") : null, dis.has("place") ? "disagree" : null],
        ["quantity", quantityText(e), dis.has("quantity") ? "disagree" : null],
        ["reports", e.nc + " claim(s) in " + e.nd + " document(s) from " + e.ns + " source(s)"],
        ["disagreements", (e.dis || []).map((d) => h("span", { class: "flag", text: d }))],
        ["types", e.types && e.types.length > 1 ? e.types.map(label).join(", ") : null],
        ["PLOVER", e.plover],
        ["relevant", e.rel === false ? "no" : null],
        ["event id", e.id],
      ])));
    add(body, h("div", { class: "claims" }, e.claims.map((c) => claimCard(claims[c], e, dis))));
  }

  function evidence(claim) {
    const node = h("blockquote", { class: "evidence" });
    let position = 0;
    for (const [a, b] of claim.hl || []) {
      add(node, claim.ev.slice(position, a), h("mark", { text: claim.ev.slice(a, b) }));
      position = b;
    }
    return add(node, claim.ev.slice(position));
  }

  function claimCard(claim, e, dis) {
    const doc = docs[claim.doc];
    const url = safeUrl(doc.url);
    const title = doc.title || doc.ext;
    const quantity = claim.qv !== null || claim.qlo !== null
      ? [claim.qv !== null ? number(claim.qv) : number(claim.qlo) + "\u2013" + number(claim.qhi),
        claim.qunit ? " " + claim.qunit : "", claim.qq && claim.qq !== "exact" ? " (" + claim.qq + ")" : "",
        claim.qtext ? " \u201c" + claim.qtext + "\u201d" : ""].join("") : null;
    const who = [claim.spk, claim.attr && claim.attr !== claim.spk ? "according to " + claim.attr : null]
      .filter(Boolean).join(", ") || null;
    const date = claim.start ? (claim.start === claim.end ? claim.start : claim.start + " \u2013 " + claim.end) +
      (claim.dtext ? " (\u201c" + claim.dtext + "\u201d)" : "") : null;
    return h("article", { class: "claim", "data-claim": claim.id },
      h("div", null, h("span", { class: "src", text: doc.source || doc.ext }),
        doc.pub ? " \u00b7 published " + doc.pub : " \u00b7 no publication date"),
      url ? h("a", { class: "title", href: url, rel: "noopener noreferrer", target: "_blank", text: title })
        : h("span", { class: "title", text: title }),
      evidence(claim),
      dl([
        ["quantity", quantity, dis.has("quantity") && claim.qv !== e.qv ? "disagree" : null],
        ["who says", who],
        ["as written", claim.attrt],
        ["modality", claim.mod],
        ["date", date, dis.has("date") && claim.start !== e.start ? "disagree" : null],
        ["place", claim.place ? claim.place + " (" + claim.prec + ")" : null,
          dis.has("place") && claim.place !== e.place ? "disagree" : null],
        ["actors", [claim.a1, claim.a2].filter(Boolean).join(" \u2192 ")],
        ["linked by", claim.rule ? claim.rule + (claim.score !== null && claim.score !== undefined ? " (" + claim.score + ")" : "") : null],
        ["why", claim.expl],
        ["claim", claim.id + " \u00b7 confidence " + claim.conf],
      ]));
  }
