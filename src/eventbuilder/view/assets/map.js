  // ------------------------------------------------------------------ map

  const map = (function () {
    const svg = byId("map"), group = byId("markers");
    const m = {};
    let view = { x: -180, y: -90, w: 360, h: 180 };
    let drag = null;

    function size() { return { W: svg.clientWidth || 600, H: svg.clientHeight || 420 }; }

    function setView(x, y, w) {
      const { W, H } = size();
      w = Math.max(0.05, Math.min(w, 720));
      const hgt = w * H / W;
      view = { x: x, y: y, w: w, h: hgt };
      svg.setAttribute("viewBox", [x, y, w, hgt].map((v) => v.toFixed(4)).join(" "));
      redraw();
    }
    const redraw = onFrame(function () { m.render(); });

    m.fit = function () {
      const points = shown.filter((e) => e.hasPlace);
      const { W, H } = size();
      if (!points.length) { setView(-180, -180 * H / W, 360); return; }  // the whole world, centred
      const xs = points.map((e) => e.lon), ys = points.map((e) => -e.lat);
      const [x0, x1] = extent(xs), [y0, y1] = extent(ys);
      const w = Math.max(x1 - x0 + 16, (y1 - y0 + 16) * W / H, 30);
      setView((x0 + x1) / 2 - w / 2, (y0 + y1) / 2 - w * H / W / 2, w);
    };

    m.render = function () {
      clear(group);
      const { W } = size(), k = view.w / W;
      for (const members of clusters(shown.filter((e) => e.hasPlace), 36 * k)) {
        group.appendChild(members.length === 1 ? marker(members[0], k) : cluster(members, k));
      }
    };

    // Greedy clustering in screen space: a point joins the first cluster whose seed lies within
    // `reach` (looked up in a grid of reach-sized cells), else seeds a new one. Deterministic: points
    // are taken in the data's order, so the same view always gives the same clusters.
    function clusters(points, reach) {
      const grid = new Map(), out = [];
      for (const e of points) {
        const gx = Math.floor(e.lon / reach), gy = Math.floor(-e.lat / reach);
        let home = null;
        for (let dx = -1; dx <= 1 && !home; dx++) {
          for (let dy = -1; dy <= 1 && !home; dy++) {
            for (const c of grid.get((gx + dx) + ":" + (gy + dy)) || []) {
              if (Math.hypot(c.x - e.lon, c.y + e.lat) <= reach) { home = c; break; }
            }
          }
        }
        if (!home) {
          home = { x: e.lon, y: -e.lat, members: [] };
          const key = gx + ":" + gy;
          if (!grid.has(key)) grid.set(key, []);
          grid.get(key).push(home);
          out.push(home.members);
        }
        home.members.push(e);
      }
      return out;
    }

    function marker(e, k) {
      const shape = SHAPE_OF_PRECISION[e.prec] || "point";
      const r = { point: 4.5, ring: 6, area: 9 }[shape] * k;
      const c = colour[e.type];
      return s("g", { class: "mk " + shape + (state.selected === e.i ? " sel" : ""), "data-count": 1,
        "data-events": e.id, onclick: function () { if (!drag || !drag.moved) select(e.i); } },
        s("circle", { cx: e.lon, cy: -e.lat, r: r, fill: c, stroke: shape === "point" ? "#fff" : c }),
        s("title", { text: tooltip(e) + "\nprecision: " + e.prec + (e.centroid ? " (centroid of an area)" : "") }));
    }

    function cluster(members, k) {
      const n = members.length;
      const lon = members.reduce((a, e) => a + e.lon, 0) / n, lat = members.reduce((a, e) => a + e.lat, 0) / n;
      const places = [...new Set(members.map((e) => e.place))];
      const spread = extent(members.map((e) => Math.abs(e.lon - lon) + Math.abs(e.lat - lat)))[1];
      const selected = members.some((e) => e.i === state.selected);
      return s("g", { class: "mk cluster" + (selected ? " sel" : ""), "data-count": n,
        "data-events": members.map((e) => e.id).join(" "),
        onclick: function () {
          if (drag && drag.moved) return;
          if (spread < 1e-4 || view.w < 0.2) {
            setPick({ label: places.slice(0, 3).join(", ") + (places.length > 3 ? ", ..." : ""),
              ids: new Set(members.map((e) => e.i)) });
          } else {
            setView(lon - view.w / 6, -lat - view.h / 6, view.w / 3);
          }
        } },
        s("circle", { cx: lon, cy: -lat, r: (9 + 3 * Math.log2(n)) * k }),
        s("text", { x: lon, y: -lat, "font-size": 11 * k, text: n }),
        s("title", { text: n + " events at " + places.slice(0, 8).join(", ") + (places.length > 8 ? ", ..." : "") +
          "\n" + (spread < 1e-4 ? "click to list them in the table" : "click to zoom in") }));
    }

    function zoom(factor, cx, cy) {
      setView(cx - (cx - view.x) * factor, cy - (cy - view.y) * factor, view.w * factor);
    }

    function pointer(ev) {
      const rect = svg.getBoundingClientRect();
      return { x: view.x + (ev.clientX - rect.left) / rect.width * view.w,
        y: view.y + (ev.clientY - rect.top) / rect.height * view.h };
    }

    svg.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      const p = pointer(ev);
      zoom(Math.exp(ev.deltaY * 0.0015), p.x, p.y);
    }, { passive: false });
    svg.addEventListener("pointerdown", function (ev) {
      drag = { x: ev.clientX, y: ev.clientY, view: Object.assign({}, view), moved: false };
    });
    svg.addEventListener("pointermove", function (ev) {
      if (!drag || !(ev.buttons & 1)) return;
      const rect = svg.getBoundingClientRect();
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3 && !drag.moved) {
        drag.moved = true;
        svg.setPointerCapture(ev.pointerId);
      }
      if (drag.moved) {
        setView(drag.view.x - dx / rect.width * drag.view.w, drag.view.y - dy / rect.height * drag.view.h, drag.view.w);
      }
    });
    svg.addEventListener("pointerup", function () { setTimeout(function () { drag = null; }, 0); });
    byId("zoom-in").addEventListener("click", function () { zoom(0.5, view.x + view.w / 2, view.y + view.h / 2); });
    byId("zoom-out").addEventListener("click", function () { zoom(2, view.x + view.w / 2, view.y + view.h / 2); });
    byId("zoom-fit").addEventListener("click", function () { m.fit(); });

    m.legend = function () {
      const item = (shape, text) => h("span", null, s("svg", { width: 22, height: 22, viewBox: "-11 -11 22 22" },
        s("g", { class: "mk " + shape }, s("circle", { r: { point: 4.5, ring: 6, area: 9 }[shape], fill: "#777",
          stroke: shape === "point" ? "#fff" : "#777" }))), " " + text);
      add(clear(byId("legend")), item("point", "city or exact point"), item("ring", "province or district"),
        item("area", "country or region (centroid)"),
        h("span", null, s("svg", { width: 22, height: 22, viewBox: "-11 -11 22 22" }, s("g", { class: "mk cluster" },
          s("circle", { r: 10 }), s("text", { "font-size": 10, text: "n" }))), " n events close together"));
    };
    m.markSelected = function () { m.render(); };
    return m;
  })();
