  // ------------------------------------------------------------------ timeline

  const timeline = (function () {
    const box = byId("timeline"), overviewBox = byId("overview");
    const laneH = 26, top = 4, axisH = 22, left = 150, right = 14, overviewH = 34;
    const dated = events.filter((e) => e.t0 !== null);
    const t = {};
    let lo = extent(dated.map((e) => e.t0))[0], hi = extent(dated.map((e) => e.t1 + 1))[1];
    if (!dated.length) { lo = 0; hi = 1; }  // nothing to draw: an axis with no ticks
    const pad = Math.max(2, (hi - lo) * 0.03);
    t.full = [Math.floor(lo - pad), Math.ceil(hi + pad)];
    let domain = t.full.slice();
    let width = 800, svg = null, marksGroup = null, axisGroup = null, brush = null, overviewSvg = null;
    let marks = [];
    let drag = null;
    const lanes = typesPresent;
    const height = top + Math.max(1, lanes.length) * laneH + axisH;

    function x(day) { return left + (day - domain[0]) / (domain[1] - domain[0]) * (width - left - right); }
    function invert(px) { return domain[0] + (px - left) / (width - left - right) * (domain[1] - domain[0]); }
    function fx(day) { return left + (day - t.full[0]) / (t.full[1] - t.full[0]) * (width - left - right); }
    function finvert(px) { return t.full[0] + (px - left) / (width - left - right) * (t.full[1] - t.full[0]); }
    function radius(e) { return 3.2 + 2 * Math.sqrt(Math.max(0, (e.ns || 1) - 1)); }
    function laneY(e) { return top + lanes.indexOf(e.type) * laneH + laneH / 2 + e.jitter * (laneH - 12); }

    t.build = function () {
      width = Math.max(400, box.clientWidth || 900);
      svg = s("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img",
        "aria-label": "timeline of events by type" });
      add(svg, s("defs", null, s("clipPath", { id: "tl-clip" },
        s("rect", { x: left, y: 0, width: width - left - right, height: height - axisH }))));
      lanes.forEach(function (type, i) {
        const y = top + i * laneH + laneH / 2;
        add(svg, s("line", { class: "lane-line", x1: left, x2: width - right, y1: y, y2: y }),
          s("text", { class: "lane-label", x: left - 8, y: y + 4, "text-anchor": "end", text: label(type) }));
      });
      if (!dated.length) {
        add(svg, s("text", { class: "lane-label", x: left, y: height / 2, text: "no dated events in this version" }));
      }
      axisGroup = add(svg, s("g", { class: "axis" })).lastChild;
      marksGroup = add(svg, s("g", { "clip-path": "url(#tl-clip)" })).lastChild;
      add(clear(box), svg);
      svg.addEventListener("wheel", onWheel, { passive: false });
      svg.addEventListener("pointerdown", onDown);
      svg.addEventListener("pointermove", onMove);
      svg.addEventListener("pointerup", onUp);
      overviewSvg = s("svg", { width: width, height: overviewH, viewBox: "0 0 " + width + " " + overviewH,
        role: "img", "aria-label": "whole period; drag to choose a date range" });
      add(clear(overviewBox), overviewSvg);
      overviewSvg.addEventListener("pointerdown", onBrushDown);
      overviewSvg.addEventListener("pointermove", onBrushMove);
      overviewSvg.addEventListener("pointerup", onBrushUp);
      overviewSvg.addEventListener("dblclick", function () { t.setDomain(t.full[0], t.full[1], true); });
      t.render();
    };

    t.render = function () {  // the marks of the events passing the filters
      clear(marksGroup);
      marks = passing.filter((e) => e.t0 !== null).map(function (e) {
        const r = radius(e), tip = s("title", { text: tooltip(e) });
        const common = { class: "tl-mark" + (e.t1 > e.t0 ? " span" : "") + (state.selected === e.i ? " sel" : ""),
          fill: colour[e.type], "data-event": e.id, onclick: function () { if (!drag || !drag.moved) select(e.i); } };
        const node = e.t1 > e.t0 ? s("rect", Object.assign(common, { rx: 2, height: 2 * r * 0.8 }), tip)
          : s("circle", Object.assign(common, { r: r }), tip);
        marksGroup.appendChild(node);
        return { e: e, node: node, r: r };
      });
      place();
      renderOverview();
    };

    function place() {
      for (const m of marks) {
        const y = laneY(m.e);
        if (m.e.t1 > m.e.t0) {
          setAttrs(m.node, { x: x(m.e.t0), width: Math.max(3, x(m.e.t1 + 1) - x(m.e.t0)), y: y - m.r * 0.8 });
        } else {
          setAttrs(m.node, { cx: x(m.e.t0 + 0.5), cy: y });
        }
      }
      renderAxis();
      if (brush) setAttrs(brush, { x: fx(domain[0]), width: Math.max(2, fx(domain[1]) - fx(domain[0])) });
    }

    function renderAxis() {
      clear(axisGroup);
      const y = height - axisH;
      add(axisGroup, s("line", { x1: left, x2: width - right, y1: y, y2: y }));
      if (!dated.length) return;
      for (const tick of ticks(domain[0], domain[1], Math.max(2, Math.floor((width - left - right) / 95)))) {
        const px = x(tick.day);
        if (px < left - 1 || px > width - right + 1) continue;
        add(axisGroup, s("line", { x1: px, x2: px, y1: y, y2: y + 4 }),
          s("text", { x: px, y: y + 15, "text-anchor": "middle", text: tick.text }));
      }
    }

    function renderOverview() {
      clear(overviewSvg);
      add(overviewSvg, s("rect", { x: left, y: 2, width: width - left - right, height: overviewH - 4,
        fill: "#f2f4f6" }));
      for (const e of passing) {
        if (e.t0 === null) continue;
        add(overviewSvg, s("line", { x1: fx(e.t0 + 0.5), x2: fx(e.t0 + 0.5), y1: 8, y2: overviewH - 8,
          stroke: colour[e.type], "stroke-opacity": 0.6 }));
      }
      add(overviewSvg, s("text", { x: left - 8, y: overviewH / 2 + 4, "text-anchor": "end", class: "lane-label",
        text: "whole period" }));
      brush = s("rect", { class: "brush", y: 2, height: overviewH - 4, x: fx(domain[0]),
        width: Math.max(2, fx(domain[1]) - fx(domain[0])) });
      add(overviewSvg, brush);
    }

    t.setDomain = function (a, b, filter) {
      const minSpan = 2, full = t.full[1] - t.full[0];
      let span = Math.max(minSpan, Math.min(b - a, full * 4));
      const centre = (a + b) / 2;
      a = centre - span / 2;
      b = centre + span / 2;
      domain = [a, b];
      place();
      if (filter) {
        const whole = a <= t.full[0] && b >= t.full[1];
        state.from = whole ? null : Math.ceil(a - 0.5);
        state.to = whole ? null : Math.floor(b - 0.5);
        byId("from").value = state.from === null ? "" : isoOf(state.from);
        byId("to").value = state.to === null ? "" : isoOf(state.to);
        rangeLater();
      }
    };
    const rangeLater = onFrame(rangeChanged);

    function onWheel(ev) {
      ev.preventDefault();
      const rect = svg.getBoundingClientRect();
      const centre = invert((ev.clientX - rect.left) * width / rect.width);
      const factor = Math.exp(ev.deltaY * 0.0015);
      t.setDomain(centre - (centre - domain[0]) * factor, centre + (domain[1] - centre) * factor, true);
    }

    function onDown(ev) {
      drag = { x: ev.clientX, domain: domain.slice(), moved: false };
    }

    function onMove(ev) {
      if (!drag || !(ev.buttons & 1)) return;
      const rect = svg.getBoundingClientRect();
      const dx = (ev.clientX - drag.x) * width / rect.width;
      if (Math.abs(dx) > 3 && !drag.moved) {
        drag.moved = true;  // captured only once dragging, so that a click still reaches its mark
        svg.setPointerCapture(ev.pointerId);
      }
      if (!drag.moved) return;
      const shift = dx / (width - left - right) * (drag.domain[1] - drag.domain[0]);
      t.setDomain(drag.domain[0] - shift, drag.domain[1] - shift, true);
    }

    function onUp(ev) {
      if (drag && drag.moved) ev.stopPropagation();
      setTimeout(function () { drag = null; }, 0);
    }

    let brushing = null;
    function brushX(ev) {
      const rect = overviewSvg.getBoundingClientRect();
      return (ev.clientX - rect.left) * width / rect.width;
    }
    function onBrushDown(ev) {
      brushing = { x: brushX(ev) };
      overviewSvg.setPointerCapture(ev.pointerId);
    }
    function onBrushMove(ev) {
      if (!brushing || !(ev.buttons & 1)) return;
      const a = finvert(Math.min(brushing.x, brushX(ev))), b = finvert(Math.max(brushing.x, brushX(ev)));
      if (b - a > 0.5) t.setDomain(a, b, true);
    }
    function onBrushUp(ev) {
      if (brushing && Math.abs(brushX(ev) - brushing.x) < 3) {  // a click centres the window there
        const centre = finvert(brushing.x), span = domain[1] - domain[0];
        t.setDomain(centre - span / 2, centre + span / 2, true);
      }
      brushing = null;
    }

    t.markSelected = function () {
      for (const m of marks) m.node.classList.toggle("sel", m.e.i === state.selected);
    };
    return t;
  })();

  function ticks(a, b, maxTicks) {
    const span = b - a, out = [];
    const dayUnits = [1, 2, 7, 14];
    for (const step of dayUnits) {
      if (span / step <= maxTicks) {
        const offset = step === 7 || step === 14 ? 4 : 0;  // weeks start on Monday (1970-01-05 is day 4)
        for (let d = Math.ceil((a - offset) / step) * step + offset; d <= b; d += step) {
          const date = new Date(d * DAY);
          out.push({ day: d, text: date.getUTCDate() + " " + MONTHS[date.getUTCMonth()] + " " + date.getUTCFullYear() });
        }
        return out;
      }
    }
    for (const months of [1, 2, 3, 6, 12, 24, 60, 120]) {
      if (span / (30.44 * months) <= maxTicks) {
        const start = new Date(a * DAY);
        let y = start.getUTCFullYear(), m = start.getUTCMonth();
        m = Math.ceil(m / months) * months;
        if (months >= 12) { y = Math.ceil(y / (months / 12)) * (months / 12); m = 0; }
        for (;;) {
          while (m >= 12) { m -= 12; y += 1; }
          const d = Date.UTC(y, m, 1) / DAY;
          if (d > b) break;
          if (d >= a) out.push({ day: d, text: months >= 12 ? String(y) : MONTHS[m] + " " + y });
          m += months;
        }
        return out;
      }
    }
    return out;
  }
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function dateText(e) {
    if (e.t0 === null) return "no date";
    return e.t1 > e.t0 ? e.start + " \u2013 " + e.end : e.start;
  }

  function actorsText(e) {
    const parts = [e.a1, e.a2].filter(Boolean);
    if (!parts.length && e.parts && e.parts.length) return e.parts.join(", ");
    return parts.join(" \u2192 ");
  }

  function tooltip(e) {
    return [dateText(e) + " \u00b7 " + label(e.type) + (e.status !== "happened" ? " (" + e.status + ")" : ""),
      actorsText(e), e.place ? e.place + " (" + e.prec + ")" : "", e.ns + " source(s)", e.text.slice(0, 200)]
      .filter(Boolean).join("\n");
  }
