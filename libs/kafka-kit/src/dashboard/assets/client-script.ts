// The dashboard's one script, served as /assets/dashboard.js. Plain browser JavaScript, no
// build: it draws the charts with uPlot and swaps in the server-rendered live region that the
// page's event stream pushes. It never builds markup from record data itself.
export const CLIENT_SCRIPT = `(() => {
  'use strict';
  const charts = {};
  window.kafkaDashboard = { charts };
  const palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4d7c0f', '#be185d'];

  function draw(all) {
    if (typeof uPlot === 'undefined') return;
    for (const el of document.querySelectorAll('[data-chart]')) {
      const key = el.dataset.chart;
      const spec = all[key];
      if (!spec) continue;
      const existing = charts[key];
      if (existing && existing.labels.join('|') === spec.labels.join('|')) {
        existing.plot.setData(spec.data);
        continue;
      }
      if (existing) existing.plot.destroy();
      const series = [{}].concat(
        spec.labels.map((label, i) => ({ label, stroke: palette[i % palette.length], width: 2, spanGaps: true })),
      );
      const plot = new uPlot(
        { width: Math.max(el.clientWidth, 320), height: 220, series, scales: { x: { time: true } } },
        spec.data,
        el,
      );
      charts[key] = { plot, labels: spec.labels };
    }
  }

  // A form the operator is typing into is not replaced under their fingers.
  function typingIn(region) {
    const a = document.activeElement;
    return a !== null && region.contains(a) && (a.tagName === 'INPUT' || a.tagName === 'SELECT');
  }

  document.addEventListener('DOMContentLoaded', () => {
    const blob = document.getElementById('charts');
    if (blob) draw(JSON.parse(blob.textContent));
    const url = document.body.dataset.events;
    if (!url) return;
    const live = document.getElementById('live');
    let source = null;
    const listen = () => {
      source = new EventSource(url);
      source.onmessage = (event) => {
        const update = JSON.parse(event.data);
        if (typeof update.html === 'string' && !typingIn(live)) live.innerHTML = update.html;
        if (update.charts) draw(update.charts);
        document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
      };
    };
    // A browser keeps at most six HTTP/1.1 connections per host for all its tabs, and each
    // stream holds one: a hidden tab lets go of its stream and takes a new one when shown.
    document.addEventListener('visibilitychange', () => {
      if (document.hidden && source) {
        source.close();
        source = null;
      } else if (!document.hidden && !source) listen();
    });
    if (!document.hidden) listen();
  });
})();
`;
