// veille's page: a hash router and one function per view. Data only ever reaches the DOM
// through dom.js (text nodes and attribute values), never as HTML.
import { h, add, clear, api, marked, showDate, STATUS_FR, TYPE_FR, PLOVER, family } from "./dom.js";
import { renderTimeline } from "./timeline.js";
import { renderGraph } from "./graph.js";
import { renderDocumentText } from "./docview.js";

const view = document.getElementById("view");
let overview = null;

function route() {
  const raw = window.location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  const decode = (p) => { try { return decodeURIComponent(p); } catch (_) { return p; } };
  const parts = path.split("/").map(decode);
  return { name: parts[0] || "timeline", arg: parts.slice(1).join("/"), params: new URLSearchParams(query || "") };
}

function go(name, arg, params) {
  let hash = `#/${name}`;
  if (arg) hash += `/${encodeURIComponent(arg)}`;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v) q.set(k, v);
  if ([...q].length) hash += `?${q}`;
  window.location.hash = hash;
}

function errorBox(err) {
  return h("p", { class: "error", role: "alert" }, `Erreur : ${err.message || err}`);
}

function select(name, label, options, value) {
  return h("label", null, label, " ",
    h("select", { name }, h("option", { value: "" }, "tous"),
      ...options.map(([v, text]) => h("option", { value: v, selected: v === value }, text))));
}

function pager(total, limit, offset, onPage) {
  if (total <= limit) return null;
  return h("div", { class: "pager" },
    h("button", { type: "button", disabled: offset <= 0, on: { click: () => onPage(Math.max(0, offset - limit)) } }, "← précédents"),
    h("span", { class: "muted" }, ` ${offset + 1}–${Math.min(total, offset + limit)} sur ${total} `),
    h("button", { type: "button", disabled: offset + limit >= total, on: { click: () => onPage(offset + limit) } }, "suivants →"));
}

const entityLink = (id, name) => (id ? h("a", { href: `#/entity/${encodeURIComponent(id)}` }, name || id) : (name || "?"));
const docLink = (id, title, extra) => h("a", { href: `#/doc/${encodeURIComponent(id)}${extra || ""}` }, title || id);

function badge(type) {
  return h("span", { class: `badge fam-${family(type)}`, title: type }, TYPE_FR[type] || type);
}

// -- timeline ------------------------------------------------------------------------------
async function timelineView(params) {
  const actor = params.get("actor") || "";
  const type = params.get("type") || "";
  const status = params.get("status") || "";
  const selected = params.get("event") || "";
  const since = params.get("since") || "";
  const until = params.get("until") || "";
  const form = h("form", { class: "filters", id: "timeline-filters" },
    h("label", null, "Acteur ", h("input", { name: "actor", value: actor, placeholder: "nom ou identifiant", list: "actor-list" })),
    h("datalist", { id: "actor-list" }),
    select("type", "Type", PLOVER.filter((t) => !overview || overview.event_types[t]).map((t) => [t, TYPE_FR[t]]), type),
    select("status", "Statut", Object.entries(STATUS_FR), status),
    h("label", null, "Du ", h("input", { name: "since", value: since, placeholder: "AAAA-MM-JJ", class: "date", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?" })),
    h("label", null, "au ", h("input", { name: "until", value: until, placeholder: "AAAA-MM-JJ", class: "date", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?" })),
    h("button", { type: "submit" }, "Filtrer"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(form);
    go("timeline", "", { actor: f.get("actor"), type: f.get("type"), status: f.get("status"),
      since: f.get("since"), until: f.get("until") });
  });
  const chart = h("div", { class: "chart", id: "timeline" });
  const detail = h("section", { class: "panel", id: "event-detail" },
    h("p", { class: "muted" }, "Cliquez sur un événement pour voir ses sources."));
  const list = h("div", { id: "event-list" });
  add(clear(view), h("h1", null, "Chronologie des événements"), form, chart, detail, list);
  api("/api/entities", { limit: 300, sort: "events", nonzero: true }).then((r) => {
    const dl = document.getElementById("actor-list");
    if (dl) for (const e of r.items) dl.appendChild(h("option", { value: e.name }));
  }).catch(() => {});
  let data;
  try {
    data = await api("/api/timeline", { actor, type, status, since, until, limit: 2000 });
  } catch (err) { chart.appendChild(errorBox(err)); return; }
  let tl = null;
  const show = async (ev, scroll) => {
    if (tl) tl.select(ev.id);
    for (const tr of list.querySelectorAll("tr[data-id]")) tr.classList.toggle("selected", tr.dataset.id === ev.id);
    await eventDetail(detail, ev.id);
    if (scroll) detail.scrollIntoView({ block: "nearest" });
  };
  tl = renderTimeline(chart, data.items, show);
  if (data.total > data.items.length) {
    chart.appendChild(h("p", { class: "muted small" },
      `${data.items.length} premiers événements affichés sur ${data.total} : filtrez par acteur, type ou statut pour affiner.`));
  }
  const shown = data.items.slice(0, 300);
  const undated = data.items.filter((e) => !e.date).length;
  add(clear(list), 
    h("h2", null, `${data.total} événement${data.total > 1 ? "s" : ""}`,
      undated ? h("span", { class: "muted small" }, ` dont ${undated} sans date`) : null),
    h("table", { class: "rows events" },
      h("thead", null, h("tr", null, ...["date", "type", "statut", "participants", "résumé", "sources"].map((c) => h("th", null, c)))),
      h("tbody", null, ...shown.map((ev) => h("tr", { "data-id": ev.id, tabindex: 0, on: { click: () => show(ev, true), keydown: (e) => { if (e.key === "Enter") show(ev, true); } } },
        h("td", { class: "nowrap" }, showDate(ev.date)),
        h("td", null, badge(ev.type), ev.mode ? h("span", { class: "muted small" }, ` ${ev.mode}`) : null),
        h("td", null, h("span", { class: `status st-${ev.status}` }, STATUS_FR[ev.status] || ev.status)),
        h("td", null, ev.participant_names.join(", ")),
        h("td", null, ev.summary),
        h("td", { class: "num" }, String(ev.n_sources)))))));
  const first = selected ? data.items.find((e) => e.id === selected) : null;
  if (first) show(first, true);
}

async function eventDetail(panel, id) {
  add(clear(panel), h("p", { class: "muted" }, "Chargement…"));
  let ev;
  try { ev = await api(`/api/events/${encodeURIComponent(id)}`); } catch (err) { add(clear(panel), errorBox(err)); return; }
  add(clear(panel), 
    h("h2", null, ev.summary),
    h("p", { class: "meta" }, badge(ev.type), ev.mode ? ` ${ev.mode} · ` : " · ",
      h("span", { class: `status st-${ev.status}` }, STATUS_FR[ev.status] || ev.status), " · ",
      h("strong", null, showDate(ev.date)),
      ev.place_name ? [" · lieu : ", entityLink(ev.place, ev.place_name)] : null),
    h("p", null, "Participants : ", ...ev.participants.flatMap((p, i) => [i ? ", " : "", entityLink(p, ev.participant_names[i])])),
    h("h3", null, `Sources (${ev.sources.length})`),
    h("ol", { class: "sources" }, ...ev.sources.map((src) => h("li", null,
      h("div", null, docLink(src.document, src.title || src.source, src.mention ? `?mention=${encodeURIComponent(src.mention)}` : ""),
        h("span", { class: "muted small" }, ` · ${showDate(src.published)} · ${src.source || ""}`)),
      src.sentence ? h("blockquote", { class: "sentence" },
        src.sentence.text.slice(0, src.sentence.start),
        h("mark", null, src.sentence.text.slice(src.sentence.start, src.sentence.end)),
        src.sentence.text.slice(src.sentence.end)) : null))));
}

// -- actor graph ---------------------------------------------------------------------------
async function graphView(params) {
  const type = params.get("type") || "";
  const status = params.get("status") || "";
  const minWeight = params.get("min_weight") || "1";
  const form = h("form", { class: "filters" },
    select("type", "Type", PLOVER.filter((t) => !overview || overview.event_types[t]).map((t) => [t, TYPE_FR[t]]), type),
    select("status", "Statut", Object.entries(STATUS_FR), status),
    h("label", null, "Poids minimal ", h("input", { name: "min_weight", type: "number", min: 1, max: 100, value: minWeight, class: "narrow" })),
    h("button", { type: "submit" }, "Filtrer"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(form);
    go("graph", "", { type: f.get("type"), status: f.get("status"), min_weight: f.get("min_weight") === "1" ? "" : f.get("min_weight") });
  });
  const box = h("div", { class: "chart", id: "graph" });
  add(clear(view), h("h1", null, "Qui a rencontré, appelé, menacé qui"), form, box);
  try {
    const data = await api("/api/graph", { type, status, min_weight: minWeight, max_nodes: 60 });
    renderGraph(box, data, (node) => go("entity", node.id));
  } catch (err) { box.appendChild(errorBox(err)); }
}

// -- quotes --------------------------------------------------------------------------------
async function quotesView(params) {
  const q = params.get("q") || "";
  const speaker = params.get("speaker") || "";
  const kind = params.get("kind") || "";
  const offset = +(params.get("offset") || 0);
  const form = h("form", { class: "filters" },
    h("label", null, "Mots ", h("input", { name: "q", type: "search", value: q, placeholder: "dans la citation ou le locuteur" })),
    select("kind", "Forme", [["direct", "directe"], ["partial", "partielle"], ["indirect", "indirecte"]], kind),
    h("input", { type: "hidden", name: "speaker", value: speaker }),
    h("button", { type: "submit" }, "Chercher"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(form);
    go("quotes", "", { q: f.get("q"), kind: f.get("kind"), speaker: f.get("speaker") });
  });
  const speakers = h("aside", { class: "speakers" }, h("h3", null, "Locuteurs"));
  const results = h("div", { class: "quote-list" });
  add(clear(view), h("h1", null, "Le livre des citations"), form,
    h("div", { class: "two-cols" }, speakers, results));
  api("/api/entities", { limit: 200, sort: "quotes", nonzero: true }).then((r) => {
    const withQuotes = r.items;
    add(speakers, h("ul", { class: "plain" },
      h("li", null, h("a", { href: "#/quotes", class: speaker ? "" : "active" }, "tous")),
      ...withQuotes.map((e) => h("li", null,
        h("a", { href: `#/quotes?speaker=${encodeURIComponent(e.id)}`, class: e.id === speaker ? "active" : "" }, e.name),
        h("span", { class: "muted small" }, ` ${e.quotes}`)))));
    if (!withQuotes.length) add(speakers, h("p", { class: "muted small" }, "aucun locuteur relié"));
  }).catch((err) => add(speakers, errorBox(err)));
  try {
    const data = await api("/api/quotes", { q, speaker, kind, offset, limit: 50 });
    const who = speaker ? (data.items[0] && data.items[0].speaker_name) || speaker : "";
    add(results, h("p", { class: "muted" }, `${data.total} citation${data.total > 1 ? "s" : ""}`,
      who ? [" de ", h("strong", null, who), " · ", h("a", { href: "#/quotes" }, "toutes les citations")] : null));
    add(results, ...data.items.map(quoteCard));
    const p = pager(data.total, data.limit, data.offset, (o) => go("quotes", "", { q, speaker, kind, offset: String(o) }));
    if (p) add(results, p);
  } catch (err) { add(results, errorBox(err)); }
}

function quoteCard(q) {
  return h("figure", { class: `quote q-${q.kind}` },
    h("blockquote", null, q.text),
    h("figcaption", null,
      q.speaker_entity ? entityLink(q.speaker_entity, q.speaker_name || q.speaker_text) : h("span", null, q.speaker_text || "locuteur inconnu"),
      q.speaker_name && q.speaker_text && q.speaker_name !== q.speaker_text ? h("span", { class: "muted" }, ` (« ${q.speaker_text} »)`) : null,
      h("span", { class: "muted small" }, ` · ${q.kind} · ${showDate(q.published)} · `),
      docLink(q.document_id, q.title || q.source, `?quote=${encodeURIComponent(q.id)}`)));
}

// -- documents -----------------------------------------------------------------------------
async function documentsView(params) {
  const offset = +(params.get("offset") || 0);
  const actor = params.get("actor") || "";
  const box = h("div");
  add(clear(view), h("h1", null, "Articles"), box);
  try {
    const data = await api("/api/documents", { offset, actor, limit: 50 });
    add(box, h("p", { class: "muted" }, `${data.total} article${data.total > 1 ? "s" : ""}`),
      h("table", { class: "rows docs" },
        h("thead", null, h("tr", null, ...["date", "titre", "acteurs", "dates", "citations", "événements"].map((c) => h("th", null, c)))),
        h("tbody", null, ...data.items.map((d) => h("tr", null,
          h("td", { class: "nowrap" }, showDate(d.published.value), d.published.origin !== "metadata" ? h("span", { class: "muted small" }, ` (${d.published.origin})`) : null),
          h("td", null, docLink(d.id, d.title || d.source)),
          ...["mentions", "timexes", "quotes", "event_mentions"].map((k) => h("td", { class: "num" }, String(d.counts[k]))))))));
    const p = pager(data.total, data.limit, data.offset, (o) => go("documents", "", { offset: String(o), actor }));
    if (p) add(box, p);
  } catch (err) { add(box, errorBox(err)); }
}

async function docView(id, params) {
  const box = h("article", { class: "document" });
  add(clear(view), box);
  let doc;
  try { doc = await api(`/api/documents/${encodeURIComponent(id)}`); } catch (err) { add(box, errorBox(err)); return; }
  const names = doc.entity_names || {};
  const counts = {};
  for (const m of doc.mentions || []) if (m.entity) counts[m.entity] = (counts[m.entity] || 0) + 1;
  const actors = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  add(box, 
    h("h1", null, doc.title || doc.source),
    h("p", { class: "meta" }, `publié : ${showDate(doc.published.value)} (${doc.published.origin})`, " · ",
      doc.url ? h("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, doc.source) : doc.source,
      (doc.sources || []).length > 1 ? ` · ${doc.sources.length} sources` : ""),
    h("p", { class: "legend small" },
      h("span", { class: "hl-mention ty-PER" }, "personne"), " ", h("span", { class: "hl-mention ty-ORG" }, "organisation"), " ",
      h("span", { class: "hl-mention ty-GPE" }, "pays / lieu"), " ", h("span", { class: "hl-timex" }, "date"), " ",
      h("q", { class: "hl-quote" }, "citation"), " ", h("span", { class: "hl-event" }, "événement"),
      h("span", { class: "muted" }, " · survol : entité reliée ou date normalisée")),
    h("div", { class: "doc-layout" },
      renderDocumentText(doc, params.get("mention")),
      h("aside", { class: "doc-side" },
        h("h3", null, "Acteurs"),
        actors.length ? h("ul", { class: "plain" }, ...actors.map(([eid, n]) => h("li", null,
          entityLink(eid, names[eid] ? names[eid].name : eid), h("span", { class: "muted small" }, ` ×${n}`)))) : h("p", { class: "muted small" }, "aucun"),
        h("h3", null, "Dates"),
        (doc.timexes || []).length ? h("ul", { class: "plain" }, ...doc.timexes.map((t) => h("li", null,
          h("span", { class: "hl-timex" }, t.text), h("span", { class: "muted small" }, ` → ${t.value}`)))) : h("p", { class: "muted small" }, "aucune"),
        h("h3", null, "Événements"),
        (doc.event_mentions || []).length ? h("ul", { class: "plain" }, ...doc.event_mentions.map((e) => h("li", null,
          badge(e.type), " ",
          e.event ? h("a", { href: `#/timeline?event=${encodeURIComponent(e.event)}` }, e.trigger ? e.trigger.text : e.id) : (e.trigger ? e.trigger.text : e.id),
          h("span", { class: "muted small" }, ` · ${STATUS_FR[e.status] || e.status}${e.date ? ` · ${e.date}` : ""}`)))) : h("p", { class: "muted small" }, "aucun"))));
  const focus = params.get("mention") ? box.querySelector(`[data-mention="${CSS.escape(params.get("mention"))}"]`)
    : params.get("quote") ? box.querySelector(`[data-quote="${CSS.escape(params.get("quote"))}"]`) : null;
  if (focus) { focus.classList.add("focus"); focus.scrollIntoView({ block: "center" }); }
}

// -- entity --------------------------------------------------------------------------------
async function entityView(id) {
  const box = h("div", { class: "entity" });
  add(clear(view), box);
  let e;
  try { e = await api(`/api/entities/${encodeURIComponent(id)}`); } catch (err) { add(box, errorBox(err)); return; }
  add(box, 
    h("h1", null, e.name, h("span", { class: "muted small" }, ` ${e.type} · ${e.id}`)),
    e.description ? h("p", null, e.description) : null,
    e.wikidata ? h("p", null, "Wikidata : ", h("a", { href: `https://www.wikidata.org/wiki/${encodeURIComponent(e.wikidata)}`, rel: "noopener noreferrer", target: "_blank" }, e.wikidata)) : null,
    (e.aliases || []).length ? h("p", { class: "muted" }, `Aussi : ${e.aliases.join(", ")}`) : null,
    (e.roles || []).length ? h("ul", null, ...e.roles.map((r) => h("li", null,
      `${r.title || r.role}${r.of ? ` (${r.of_name || r.of})` : ""} : ${showDate(r.start)} → ${r.end ? showDate(r.end) : "aujourd'hui"}`))) : null,
    h("p", null, `${e.counts.mentions || 0} mentions · ${e.counts.quotes || 0} citations · ${e.counts.events || 0} événements · `,
      h("a", { href: `#/timeline?actor=${encodeURIComponent(e.id)}` }, "voir sur la chronologie")),
    h("h2", null, "Événements"),
    e.events.length ? h("table", { class: "rows" }, h("tbody", null, ...e.events.map((ev) => h("tr", null,
      h("td", { class: "nowrap" }, showDate(ev.date)), h("td", null, badge(ev.type)),
      h("td", null, h("a", { href: `#/timeline?event=${encodeURIComponent(ev.id)}` }, ev.summary)),
      h("td", null, h("span", { class: `status st-${ev.status}` }, STATUS_FR[ev.status] || ev.status)))))) : h("p", { class: "muted" }, "aucun"),
    h("h2", null, "Citations"),
    e.quotes.length ? h("div", null, ...e.quotes.map((q) => quoteCard({ ...q, speaker_name: e.name }))) : h("p", { class: "muted" }, "aucune"),
    h("h2", null, "Articles"),
    e.documents.length ? h("ul", null, ...e.documents.map((d) => h("li", null, docLink(d.id, d.title || d.source),
      h("span", { class: "muted small" }, ` · ${showDate(d.published)} · ${d.mentions} mention${d.mentions > 1 ? "s" : ""}`)))) : h("p", { class: "muted" }, "aucun"));
}

// -- search --------------------------------------------------------------------------------
async function searchView(params) {
  const q = params.get("q") || "";
  const input = h("input", { name: "q", type: "search", value: q, placeholder: "ex. élysée, cessez-le-feu…", id: "search-q" });
  const form = h("form", { class: "filters" }, h("label", null, "Mots ", input), h("button", { type: "submit" }, "Rechercher"));
  form.addEventListener("submit", (e) => { e.preventDefault(); go("search", "", { q: input.value }); });
  const results = h("div", { id: "search-results" });
  add(clear(view), h("h1", null, "Recherche"),
    form, h("p", { class: "muted small" }, "Tous les mots doivent apparaître ; accents et majuscules ignorés ; préfixes acceptés."), results);
  if (!q.trim()) { input.focus(); return; }
  try {
    const data = await api("/api/search", { q, limit: 30 });
    add(results, 
      h("h2", null, `Articles (${data.documents.total})`),
      data.documents.items.length ? h("ol", { class: "hits" }, ...data.documents.items.map((d) => h("li", null,
        docLink(d.id, d.title || d.source), h("span", { class: "muted small" }, ` · ${showDate(d.published)}`),
        h("p", { class: "snippet" }, ...marked(d.snippet, data.marks))))) : h("p", { class: "muted" }, "aucun article"),
      h("h2", null, `Citations (${data.quotes.total})`),
      data.quotes.items.length ? h("div", null, ...data.quotes.items.map(quoteCard)) : h("p", { class: "muted" }, "aucune citation"));
  } catch (err) { add(results, errorBox(err)); }
}

// -- shell ---------------------------------------------------------------------------------
async function render() {
  view.dataset.state = "loading";
  try { await renderRoute(); } finally { view.dataset.state = "ready"; }
}

async function renderRoute() {
  const r = route();
  for (const a of document.querySelectorAll("#nav a")) {
    const active = a.dataset.view === r.name || (r.name === "doc" && a.dataset.view === "documents")
      || (r.name === "entity" && a.dataset.view === "graph");
    a.classList.toggle("active", active);
  }
  window.scrollTo(0, 0);
  if (r.name === "graph") return graphView(r.params);
  if (r.name === "quotes") return quotesView(r.params);
  if (r.name === "documents") return documentsView(r.params);
  if (r.name === "doc" && r.arg) return docView(r.arg, r.params);
  if (r.name === "entity" && r.arg) return entityView(r.arg);
  if (r.name === "search") return searchView(r.params);
  return timelineView(r.params);
}

async function start() {
  try {
    overview = await api("/api/stats");
    const st = document.getElementById("stats");
    const parts = [[overview.documents, "articles"], [overview.entities, "entités"], [overview.timexes, "dates"],
      [overview.quotes, "citations"], [overview.events, "événements"]];
    add(clear(st), ...parts.map(([n, label]) => h("span", null, h("strong", null, String(n)), ` ${label}`)),
      overview.first_published ? h("span", { class: "muted" }, `articles : ${showDate(overview.first_published)} → ${showDate(overview.last_published)}`) : null);
  } catch (err) {
    add(document.getElementById("stats"), errorBox(err));
  }
  document.getElementById("top-search").addEventListener("submit", (e) => {
    e.preventDefault();
    go("search", "", { q: document.getElementById("top-q").value });
  });
  window.addEventListener("hashchange", render);
  await render();
  document.body.dataset.ready = "1";
}

start();
