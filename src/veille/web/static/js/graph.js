// The actor graph: a small force layout (repulsion, springs, gravity) drawn in SVG.
import { s, h, clear, family, RELATION_FR } from "./dom.js";

function layout(nodes, edges, width, height) {
  const n = nodes.length;
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  // deterministic start: a spiral by weight
  nodes.forEach((d, i) => {
    const a = i * 2.399963;
    const r = 30 + 14 * Math.sqrt(i);
    d.x = width / 2 + r * Math.cos(a);
    d.y = height / 2 + r * Math.sin(a);
    d.vx = 0; d.vy = 0;
  });
  const links = edges.map((e) => [index.get(e.source), index.get(e.target), e.weight]);
  const k = Math.sqrt((width * height) / Math.max(1, n)) * 0.55;
  for (let iter = 0; iter < 400; iter++) {
    const cool = 1 - iter / 400;
    for (let i = 0; i < n; i++) {
      const a = nodes[i];
      for (let j = i + 1; j < n; j++) {
        const b = nodes[j];
        let dx = a.x - b.x; let dy = a.y - b.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = 0.1 * (i - j); dy = 0.1; d2 = dx * dx + dy * dy; }
        const f = (k * k) / d2;
        a.vx += dx * f * 0.05; a.vy += dy * f * 0.05;
        b.vx -= dx * f * 0.05; b.vy -= dy * f * 0.05;
      }
    }
    for (const [i, j, w] of links) {
      const a = nodes[i]; const b = nodes[j];
      const dx = b.x - a.x; const dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = ((d - k * 0.9) / d) * 0.04 * Math.min(3, 1 + Math.log(w));
      a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
    }
    for (const d of nodes) {
      d.vx += (width / 2 - d.x) * 0.01; d.vy += (height / 2 - d.y) * 0.012;
      const speed = Math.sqrt(d.vx * d.vx + d.vy * d.vy);
      const max = 30 * cool + 1;
      if (speed > max) { d.vx *= max / speed; d.vy *= max / speed; }
      d.x = Math.min(width - 40, Math.max(40, d.x + d.vx));
      d.y = Math.min(height - 24, Math.max(24, d.y + d.vy));
      d.vx *= 0.5; d.vy *= 0.5;
    }
  }
}

function dominantType(edge) {
  let best = null;
  for (const [t, n] of Object.entries(edge.types || {})) if (!best || n > best[1]) best = [t, n];
  return best ? best[0] : "CONSULT";
}

export function renderGraph(container, data, onNode) {
  clear(container);
  const nodes = data.nodes.map((d) => ({ ...d }));
  const edges = data.edges.filter((e) => e.source !== e.target);
  if (!nodes.length) {
    container.appendChild(h("p", { class: "muted" },
      "Aucune relation : il faut au moins un événement à deux participants pour ces filtres."));
    return;
  }
  const width = Math.max(520, container.clientWidth || 900);
  const height = Math.max(420, Math.min(760, 180 + nodes.length * 14));
  layout(nodes, edges, width, height);
  const byId = new Map(nodes.map((d) => [d.id, d]));
  const maxW = Math.max(...nodes.map((d) => d.weight), 1);
  const svg = s("svg", { class: "graph", width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": "Graphe des acteurs" });
  const gEdges = s("g", { class: "edges" });
  const gNodes = s("g", { class: "nodes" });
  svg.appendChild(gEdges); svg.appendChild(gNodes);
  const edgeEls = edges.map((e) => {
    const a = byId.get(e.source); const b = byId.get(e.target);
    const rels = Object.entries(e.relations).map(([r, n]) => `${RELATION_FR[r] || r} ×${n}`).join(", ");
    const line = s("line", { class: `edge fam-${family(dominantType(e))}`, "stroke-width": (1 + 1.6 * Math.log2(1 + e.weight)).toFixed(1) },
      s("title", null, `${a.name} — ${b.name} : ${e.weight} événement${e.weight > 1 ? "s" : ""} (${rels})`));
    gEdges.appendChild(line);
    return { e, line, a, b };
  });
  const nodeEls = nodes.map((d) => {
    const r = 6 + 14 * Math.sqrt(d.weight / maxW);
    const g = s("g", { class: `node ty-${d.type}`, tabindex: 0, "data-id": d.id },
      s("circle", { r: r.toFixed(1) }),
      s("text", { x: (r + 4).toFixed(1), y: 4 }, d.name),
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
  const legend = h("p", { class: "legend small" },
    ...["verbal-coop", "material-coop", "verbal-conflict", "material-conflict"].map((f) =>
      h("span", { class: "key" }, h("i", { class: `bar fam-${f}` }), { "verbal-coop": "rencontre, appel, accord, soutien",
        "material-coop": "coopération, aide", "verbal-conflict": "accusation, menace, rejet",
        "material-conflict": "sanction, coercition, attaque" }[f])),
    h("span", { class: "muted" }, " · épaisseur = nombre d'événements · survol : détails · clic : fiche de l'acteur"));
  container.appendChild(legend);
  // the strongest relations, as text
  const top = edges.slice(0, 12);
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
