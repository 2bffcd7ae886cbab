  // ------------------------------------------------------------------ start

  renderHeader();
  renderControls();
  table.build();
  map.legend();
  recompute();
  timeline.build();
  map.fit();
  table.render();
  renderCount();
  let width = window.innerWidth;
  window.addEventListener("resize", onFrame(function () {
    if (window.innerWidth === width) return;
    width = window.innerWidth;
    timeline.build();
    map.fit();
  }));
  document.body.setAttribute("data-ready", "true");
