// A zoomable SVG timeline: one lane per event type, time on the x axis.
// Wheel zooms around the pointer, dragging pans, the buttons zoom and reset.
import { s, h, clear, family, TYPE_FR, STATUS_FR, showDate, PLOVER } from "./dom.js";

const DAY = 86400000;
const LANE = 34;
const LEFT = 118;
const TOP = 26;

// TIMEX value -> [start ms, end ms] or null when it names no calendar period.
export function timexRange(value) {
  if (!value) return null;
  let m = /^(\d{4})-W(\d{2})/.exec(value);
  if (m) {
    const jan4 = Date.UTC(+m[1], 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
    const start = monday + (+m[2] - 1) * 7 * DAY;
    return [start, start + 7 * DAY];
  }
  m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return null;
  const y = +m[1];
  if (m[3]) { const t = Date.UTC(y, +m[2] - 1, +m[3]); return [t, t + DAY]; }
  if (m[2]) return [Date.UTC(y, +m[2] - 1, 1), Date.UTC(y, +m[2], 1)];
  return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
}

const FR_MONTH = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];

function ticks(t0, t1, width) {
  const span = t1 - t0;
  const maxTicks = Math.max(2, Math.floor(width / 90));
  const steps = [
    [DAY, "day"], [2 * DAY, "day"], [7 * DAY, "day"], [14 * DAY, "day"],
    [30 * DAY, "month"], [91 * DAY, "month"], [182 * DAY, "month"], [365 * DAY, "year"],
    [5 * 365 * DAY, "year"], [10 * 365 * DAY, "year"],
  ];
  let [step, unit] = steps[steps.length - 1];
  for (const [st, u] of steps) { if (span / st <= maxTicks) { step = st; unit = u; break; } }
  const out = [];
  const d = new Date(t0);
  if (unit === "day") {
    let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    const every = Math.round(step / DAY);
    for (; t <= t1; t += every * DAY) {
      const x = new Date(t);
      out.push([t, `${x.getUTCDate()} ${FR_MONTH[x.getUTCMonth()]}`]);
    }
  } else if (unit === "month") {
    const every = Math.max(1, Math.round(step / (30 * DAY)));
    let y = d.getUTCFullYear();
    let mo = d.getUTCMonth();
    for (let t = Date.UTC(y, mo, 1); t <= t1; mo += every, t = Date.UTC(y, mo, 1)) {
      const x = new Date(t);
      if (t >= t0) out.push([t, x.getUTCMonth() === 0 ? `${x.getUTCFullYear()}` : `${FR_MONTH[x.getUTCMonth()]} ${x.getUTCFullYear()}`]);
    }
  } else {
    const every = Math.max(1, Math.round(step / (365 * DAY)));
    for (let y = d.getUTCFullYear(); Date.UTC(y, 0, 1) <= t1; y += every) {
      const t = Date.UTC(y, 0, 1);
      if (t >= t0) out.push([t, `${y}`]);
    }
  }
  return out;
}

export function renderTimeline(container, events, onSelect) {
  clear(container);
  const dated = [];
  for (const ev of events) {
    const r = timexRange(ev.date);
    if (r) dated.push({ ev, t: (r[0] + r[1]) / 2, span: r });
  }
  if (!dated.length) {
    container.appendChild(h("p", { class: "muted" }, "Aucun événement daté pour ces filtres."));
    return { select() {} };
  }
  const types = PLOVER.filter((t) => dated.some((d) => d.ev.type === t));
  const lane = Object.fromEntries(types.map((t, i) => [t, i]));
  const width = Math.max(480, container.clientWidth || 900);
  const height = TOP + types.length * LANE + 8;
  let lo = Math.min(...dated.map((d) => d.span[0]));
  let hi = Math.max(...dated.map((d) => d.span[1]));
  const pad = Math.max(DAY, (hi - lo) * 0.04);
  const full = [lo - pad, hi + pad];
  // open on where the events are: a few old background dates would squeeze the rest
  // ("en 2014"): start from the day- and month-precise events, skipping the oldest 5 %
  const precise = dated.filter((d) => d.span[1] - d.span[0] <= 32 * DAY);
  const centers = (precise.length >= 3 ? precise : dated).map((d) => d.t).sort((a, b) => a - b);
  const q = centers[Math.floor(centers.length * 0.05)];
  const top = centers[centers.length - 1];
  const focusPad = Math.max(2 * DAY, (top - q) * 0.05);
  const initial = q - lo > (hi - lo) * 0.3 ? [q - focusPad, top + focusPad] : full.slice();
  let view = initial.slice();

  const svg = s("svg", { class: "timeline", width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": "Chronologie des événements" });
  const clipId = "tl-clip";
  svg.appendChild(s("defs", null, s("clipPath", { id: clipId },
    s("rect", { x: LEFT, y: 0, width: width - LEFT - 8, height }))));
  const lanes = s("g", { class: "lanes" });
  types.forEach((t, i) => {
    const y = TOP + i * LANE;
    lanes.appendChild(s("rect", { x: 0, y, width, height: LANE, class: i % 2 ? "lane odd" : "lane" }));
    lanes.appendChild(s("text", { x: 8, y: y + LANE / 2 + 4, class: `lane-label fam-${family(t)}` },
      TYPE_FR[t] || t));
  });
  svg.appendChild(lanes);
  const axis = s("g", { class: "axis", "clip-path": `url(#${clipId})` });
  svg.appendChild(axis);
  const marks = s("g", { class: "marks", "clip-path": `url(#${clipId})` });
  svg.appendChild(marks);

  const spans = s("g", { class: "spans", "clip-path": `url(#${clipId})` });
  svg.insertBefore(spans, marks);
  const dots = dated.map((d) => {
    const title = `${showDate(d.ev.date)} · ${TYPE_FR[d.ev.type] || d.ev.type} · ${STATUS_FR[d.ev.status] || d.ev.status}\n${d.ev.summary}`;
    const c = s("circle", { r: dated.length > 400 ? 5 : 7, class: `ev fam-${family(d.ev.type)} st-${d.ev.status}`, tabindex: 0,
      "data-id": d.ev.id, on: {
        click: () => onSelect(d.ev),
        keydown: (e) => { if (e.key === "Enter") onSelect(d.ev); },
      } }, s("title", null, title));
    marks.appendChild(c);
    // a month, week or year: a bar over the whole period behind the dot
    const bar = d.span[1] - d.span[0] > DAY ? s("line", { class: `span fam-${family(d.ev.type)}` }) : null;
    if (bar) spans.appendChild(bar);
    return { ...d, c, bar };
  });

  const x = (t) => LEFT + ((t - view[0]) / (view[1] - view[0])) * (width - LEFT - 16);
  function draw() {
    clear(axis);
    for (const [t, label] of ticks(view[0], view[1], width - LEFT)) {
      const px = x(t);
      axis.appendChild(s("line", { x1: px, x2: px, y1: TOP - 4, y2: height, class: "tick" }));
      axis.appendChild(s("text", { x: px + 3, y: TOP - 9, class: "tick-label" }, label));
    }
    // stack dots of one lane that would overlap
    const lastX = {};
    for (const d of dots.slice().sort((a, b) => a.t - b.t)) {
      const px = x(d.t);
      const key = d.ev.type;
      const slots = lastX[key] || (lastX[key] = [-1e9, -1e9, -1e9]);
      let slot = slots.findIndex((v) => px - v >= 15);
      if (slot < 0) slot = slots.indexOf(Math.min(...slots));
      slots[slot] = px;
      const offsets = [0, -9, 9];
      const cy = (TOP + lane[key] * LANE + LANE / 2 + offsets[slot]).toFixed(1);
      d.c.setAttribute("cx", px.toFixed(1));
      d.c.setAttribute("cy", cy);
      if (d.bar) {
        d.bar.setAttribute("x1", x(d.span[0]).toFixed(1)); d.bar.setAttribute("x2", x(d.span[1]).toFixed(1));
        d.bar.setAttribute("y1", cy); d.bar.setAttribute("y2", cy);
      }
    }
  }

  function zoom(factor, center) {
    const c = center ?? (view[0] + view[1]) / 2;
    const span = Math.min((full[1] - full[0]) * 4, Math.max(DAY * 2, (view[1] - view[0]) * factor));
    const ratio = (c - view[0]) / (view[1] - view[0]);
    view = [c - span * ratio, c - span * ratio + span];
    draw();
  }
  const tAt = (clientX) => {
    const box = svg.getBoundingClientRect();
    const px = ((clientX - box.left) / box.width) * width;
    return view[0] + ((px - LEFT) / (width - LEFT - 16)) * (view[1] - view[0]);
  };
  svg.addEventListener("wheel", (e) => { e.preventDefault(); zoom(e.deltaY > 0 ? 1.25 : 0.8, tAt(e.clientX)); },
    { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (e) => {
    if (e.target.tagName === "circle") return;
    drag = { x: e.clientX, view: view.slice() };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const box = svg.getBoundingClientRect();
    const dt = ((e.clientX - drag.x) / box.width) * width / (width - LEFT - 16) * (drag.view[1] - drag.view[0]);
    view = [drag.view[0] - dt, drag.view[1] - dt];
    draw();
  });
  svg.addEventListener("pointerup", () => { drag = null; });

  const tools = h("div", { class: "tl-tools" },
    h("button", { type: "button", title: "Zoomer", on: { click: () => zoom(0.5) } }, "+"),
    h("button", { type: "button", title: "Dézoomer", on: { click: () => zoom(2) } }, "−"),
    h("button", { type: "button", title: "Revenir à la vue de départ", on: { click: () => { view = initial.slice(); draw(); } } }, "Recentrer"),
    h("button", { type: "button", title: "Toute la période", on: { click: () => { view = full.slice(); draw(); } } }, "Tout voir"),
    h("span", { class: "muted small" }, "molette : zoom · glisser : déplacer · clic : détails"),
    h("span", { class: "legend" },
      ...["verbal-coop", "material-coop", "verbal-conflict", "material-conflict"].map((f) =>
        h("span", { class: "key" }, h("i", { class: `dot fam-${f}` }), { "verbal-coop": "coopération verbale",
          "material-coop": "coopération matérielle", "verbal-conflict": "conflit verbal",
          "material-conflict": "conflit matériel" }[f])),
      h("span", { class: "key" }, h("i", { class: "dot hollow" }), "prévu / proposé")));
  container.appendChild(tools);
  container.appendChild(h("div", { class: "tl-frame" }, svg));
  draw();
  return {
    select(id) {
      for (const d of dots) d.c.classList.toggle("selected", d.ev.id === id);
    },
  };
}
