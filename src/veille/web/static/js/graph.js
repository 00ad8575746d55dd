// The actor graph: a small force layout (repulsion, springs, gravity) drawn in SVG.
import { s, h, clear, family, RELATION_FR } from "./dom.js";

// Fruchterman-Reingold with a little gravity; deterministic (spiral start, fixed iterations).
function layout(nodes, edges, width, height) {
  const n = nodes.length;
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  nodes.forEach((d, i) => {
    const a = i * 2.399963;
    const r = 20 + 16 * Math.sqrt(i);
    d.x = width / 2 + r * Math.cos(a);
    d.y = height / 2 + r * Math.sin(a);
  });
  const maxW = Math.max(1, ...edges.map((e) => e.weight));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target), 0.4 + e.weight / maxW]);
  const k = 0.75 * Math.sqrt((width * height) / Math.max(1, n));
  const iterations = 300;
  let temperature = width / 8;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let iter = 0; iter < iterations; iter++) {
    dx.fill(0); dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ex = nodes[i].x - nodes[j].x; let ey = nodes[i].y - nodes[j].y;
        let d = Math.sqrt(ex * ex + ey * ey);
        if (d < 0.01) { ex = 0.01 * (i - j); ey = 0.01; d = 0.02; }
        if (d > 2.5 * k) continue; // far nodes ignore each other: gravity keeps components together
        const f = (k * k) / d;
        dx[i] += (ex / d) * f; dy[i] += (ey / d) * f;
        dx[j] -= (ex / d) * f; dy[j] -= (ey / d) * f;
      }
    }
    for (const [i, j, w] of links) {
      const ex = nodes[i].x - nodes[j].x; const ey = nodes[i].y - nodes[j].y;
      const d = Math.sqrt(ex * ex + ey * ey) || 0.01;
      const f = ((d * d) / k) * w;
      dx[i] -= (ex / d) * f; dy[i] -= (ey / d) * f;
      dx[j] += (ex / d) * f; dy[j] += (ey / d) * f;
    }
    for (let i = 0; i < n; i++) {
      const d = nodes[i];
      dx[i] += (width / 2 - d.x) * 0.07 * k / 10; dy[i] += (height / 2 - d.y) * 0.09 * k / 10;
      const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const step = Math.min(len, temperature);
      d.x = Math.min(width - 30, Math.max(30, d.x + (dx[i] / len) * step));
      d.y = Math.min(height - 20, Math.max(20, d.y + (dy[i] / len) * step));
    }
    temperature = Math.max(1, (width / 8) * (1 - iter / iterations));
  }
}

// The edges worth drawing: each node's strongest links, then the strongest overall, at most `max`.
function drawnEdges(edges, max) {
  if (edges.length <= max) return edges;
  const sorted = edges.slice().sort((a, b) => b.weight - a.weight);
  const keep = new Set();
  const seen = new Map();
  for (const e of sorted) {
    const a = seen.get(e.source) || 0; const b = seen.get(e.target) || 0;
    if (a < 2 || b < 2) { keep.add(e); seen.set(e.source, a + 1); seen.set(e.target, b + 1); }
  }
  for (const e of sorted) { if (keep.size >= max) break; keep.add(e); }
  return sorted.filter((e) => keep.has(e));
}

function dominantType(edge) {
  let best = null;
  for (const [t, n] of Object.entries(edge.types || {})) if (!best || n > best[1]) best = [t, n];
  return best ? best[0] : "CONSULT";
}

export function renderGraph(container, data, onNode) {
  clear(container);
  const nodes = data.nodes.map((d) => ({ ...d }));
  const allEdges = data.edges.filter((e) => e.source !== e.target);
  const edges = drawnEdges(allEdges, 160);
  if (!nodes.length) {
    container.appendChild(h("p", { class: "muted" },
      "Aucune relation : il faut au moins un événement à deux participants pour ces filtres."));
    return;
  }
  const width = Math.max(520, container.clientWidth || 900);
  const height = Math.max(420, Math.min(760, 180 + nodes.length * 14));
  layout(nodes, edges, width, height);
  const byId = new Map(nodes.map((d) => [d.id, d]));
  const maxW = Math.max(...nodes.map((d) => d.events), 1);
  const svg = s("svg", { class: "graph", width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": "Graphe des acteurs" });
  const gEdges = s("g", { class: "edges" });
  const gNodes = s("g", { class: "nodes" });
  svg.appendChild(gEdges); svg.appendChild(gNodes);
  const maxEdge = Math.max(1, ...edges.map((e) => e.weight));
  const edgeEls = edges.map((e) => {
    const a = byId.get(e.source); const b = byId.get(e.target);
    const rels = Object.entries(e.relations).map(([r, n]) => `${RELATION_FR[r] || r} ×${n}`).join(", ");
    const line = s("line", { class: `edge fam-${family(dominantType(e))}`, "stroke-width": (1.2 + 5 * Math.sqrt(e.weight / maxEdge)).toFixed(1) },
      s("title", null, `${a.name} — ${b.name} : ${e.weight} événement${e.weight > 1 ? "s" : ""} (${rels})`));
    gEdges.appendChild(line);
    return { e, line, a, b };
  });
  const nodeEls = nodes.map((d) => {
    const r = 5 + 13 * Math.sqrt(d.events / maxW);
    const g = s("g", { class: `node ty-${d.type}`, tabindex: 0, "data-id": d.id },
      s("circle", { r: r.toFixed(1) }),
      d.x > width * 0.75 ? s("text", { x: (-r - 4).toFixed(1), y: 4, "text-anchor": "end" }, d.name)
        : s("text", { x: (r + 4).toFixed(1), y: 4 }, d.name),
      s("title", null, `${d.name} (${d.type}) · ${d.events} événement${d.events > 1 ? "s" : ""}`));
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onNode(d); });
    gNodes.appendChild(g);
    return { d, g };
  });
  function place() {
    for (const { line, a, b } of edgeEls) {
      line.setAttribute("x1", a.x.toFixed(1)); line.setAttribute("y1", a.y.toFixed(1));
      line.setAttribute("x2", b.x.toFixed(1)); line.setAttribute("y2", b.y.toFixed(1));
    }
    for (const { d, g } of nodeEls) g.setAttribute("transform", `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`);
  }
  place();
  // drag a node to move it; a click without moving opens the actor
  let drag = null;
  for (const { d, g } of nodeEls) {
    g.addEventListener("pointerdown", (ev) => {
      drag = { d, x: ev.clientX, y: ev.clientY, moved: false };
      g.setPointerCapture(ev.pointerId);
    });
    g.addEventListener("pointermove", (ev) => {
      if (!drag || drag.d !== d) return;
      const box = svg.getBoundingClientRect();
      const scale = width / box.width;
      const dx = (ev.clientX - drag.x) * scale; const dy = (ev.clientY - drag.y) * scale;
      if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
      d.x += dx; d.y += dy; drag.x = ev.clientX; drag.y = ev.clientY;
      place();
    });
    g.addEventListener("pointerup", () => {
      const wasClick = drag && !drag.moved;
      drag = null;
      if (wasClick) onNode(d);
    });
    g.addEventListener("pointerenter", () => {
      for (const { line, a, b } of edgeEls) line.classList.toggle("hot", a === d || b === d);
    });
    g.addEventListener("pointerleave", () => { for (const { line } of edgeEls) line.classList.remove("hot"); });
  }
  container.appendChild(h("div", { class: "graph-frame" }, svg));
  const legend = h("p", { class: "graph-legend" },
    ...["verbal-coop", "material-coop", "verbal-conflict", "material-conflict"].map((f) =>
      h("span", { class: "key" }, h("i", { class: `bar fam-${f}` }), { "verbal-coop": "rencontre, appel, accord, soutien",
        "material-coop": "coopération, aide", "verbal-conflict": "accusation, menace, rejet",
        "material-conflict": "sanction, coercition, attaque" }[f])),
    h("span", null, "· épaisseur = nombre d'événements · survol : détails · clic : fiche de l'acteur"));
  container.appendChild(legend);
  // the strongest relations, as text
  const totalEdges = data.total_edges || allEdges.length;
  if (totalEdges > edges.length) {
    container.appendChild(h("p", { class: "muted small" },
      `${edges.length} relations les plus fortes dessinées sur ${totalEdges}.`));
  }
  const top = allEdges.slice(0, 12);
  if (top.length) {
    container.appendChild(h("h3", null, "Relations les plus fréquentes"));
    container.appendChild(h("table", { class: "rows" },
      h("thead", null, h("tr", null, h("th", null, "acteurs"), h("th", null, "événements"), h("th", null, "relations"))),
      h("tbody", null, ...top.map((e) => h("tr", null,
        h("td", null, h("a", { href: `#/entity/${encodeURIComponent(e.source)}` }, byId.get(e.source).name), " — ",
          h("a", { href: `#/entity/${encodeURIComponent(e.target)}` }, byId.get(e.target).name)),
        h("td", { class: "num" }, String(e.weight)),
        h("td", null, Object.entries(e.relations).map(([r, n]) => `${RELATION_FR[r] || r} ×${n}`).join(", ")))))));
  }
}
